package io.wgsim.topology;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An immutable list that also finds its items by name in constant time, so a topology of 100,000 nodes
 * answers {@code node("client70000")} without a scan while its records still expose plain lists.
 */
final class IndexedList<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> items;
    private final Map<String, Integer> index;

    /**
     * A list whose index the caller has built already (the resolver has one for its nodes), which must map
     * exactly the items' names to their positions. The list takes the map over: nothing may change it.
     */
    static <T> IndexedList<T> withIndex(List<T> items, Map<String, Integer> index) {
        if (index.size() != items.size()) {
            throw new IllegalArgumentException(index.size() + " names for " + items.size() + " items");
        }
        return new IndexedList<>(List.copyOf(items), index);
    }

    private IndexedList(List<T> items, Map<String, Integer> index) {
        this.items = items;
        this.index = index;
    }

    private IndexedList(List<T> items, Function<T, String> name) {
        this.items = List.copyOf(items);
        this.index = new HashMap<>(Math.max(16, (int) (items.size() / 0.75f) + 1));
        for (int i = 0; i < this.items.size(); i++) {
            String key = name.apply(this.items.get(i));
            if (index.putIfAbsent(key, i) != null) {
                throw new IllegalArgumentException("the name '" + key + "' is used twice");
            }
        }
    }

    /** The items as an indexed list; a list that is one already is returned as it is. */
    static <T> List<T> of(List<T> items, Function<T, String> name) {
        return items instanceof IndexedList<T> indexed ? indexed : new IndexedList<>(items, name);
    }

    /** The item called {@code name} in {@code list}, or null; fast when the list is an IndexedList. */
    static <T> T find(List<T> list, String name, Function<T, String> nameOf) {
        if (list instanceof IndexedList<T> indexed) {
            Integer i = indexed.index.get(name);
            return i == null ? null : indexed.items.get(i);
        }
        return list.stream().filter(t -> nameOf.apply(t).equals(name)).findFirst().orElse(null);
    }

    /** The position of the item called {@code name}, or -1. */
    int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    @Override public T get(int i) {
        return items.get(i);
    }

    @Override public int size() {
        return items.size();
    }
}
