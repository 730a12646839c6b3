package io.wgsim.protocol.allowedips;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A path-compressed binary trie over fixed-width keys (32 or 128 bits), the structure of the kernel's
 * allowedips.c. Each node holds a masked prefix; nodes without a value are glue where two prefixes
 * part ways. A node is only ever kept if it has a value or two children, so the trie has at most
 * {@code 2n - 1} nodes for n prefixes. Like the kernel's per-peer list, an index from each value to
 * its nodes finds a peer's prefixes without walking the trie: status and peer removal on a device with
 * thousands of peers would otherwise be quadratic.
 */
final class PrefixTrie<T> {

    /** A stored prefix and its value, as handed out by {@link #entries}. */
    record Entry<T>(byte[] key, int length, T value) {}

    private static final class Node<T> {
        final byte[] key;
        final int length;
        T value;
        Node<T> parent;
        // Two fields rather than an array: one pointer less to chase at every node of a lookup.
        Node<T> zero;
        Node<T> one;

        Node<T> child(int side) {
            return side == 0 ? zero : one;
        }

        void setChild(int side, Node<T> c) {
            if (side == 0) {
                zero = c;
            } else {
                one = c;
            }
        }

        Node(byte[] key, int length, T value) {
            this.key = key;
            this.length = length;
            this.value = value;
        }
    }

    /** Ascending (address, length): the order a pre-order walk with the 0 side first would give. */
    private static final Comparator<Node<?>> PREFIX_ORDER = (a, b) -> {
        int byAddress = Arrays.compareUnsigned(a.key, b.key);
        return byAddress != 0 ? byAddress : Integer.compare(a.length, b.length);
    };

    private final int bits;
    private Node<T> root;
    private int size;
    /**
     * The valued nodes of each value. Looked up by value only, never iterated across values; each set
     * keeps insertion order, so even its iteration is deterministic.
     */
    private final Map<T, Set<Node<T>>> nodesByValue = new HashMap<>();

    PrefixTrie(int bits) {
        this.bits = bits;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return root == null;
    }

    /** Sets the value of the prefix (host bits ignored), replacing any previous owner. */
    void insert(byte[] address, int length, T value) {
        byte[] key = masked(address, length);
        if (root == null) {
            root = valued(key, length, value);
            size++;
            return;
        }
        Node<T> n = root;
        while (true) {
            int common = commonBits(n.key, key, Math.min(n.length, length));
            if (common == n.length && n.length == length) {
                if (n.value == null) {
                    size++;
                }
                setValue(n, value);
                return;
            }
            if (common == n.length) {
                int side = bit(key, n.length);
                if (n.child(side) == null) {
                    link(n, side, valued(key, length, value));
                    size++;
                    return;
                }
                n = n.child(side);
                continue;
            }
            // The new prefix parts from n above n: it goes between n and n's parent.
            Node<T> parent = n.parent;
            Node<T> top;
            if (common == length) {
                top = valued(key, length, value);
            } else {
                top = new Node<>(masked(key, common), common, null);
                link(top, bit(key, common), valued(key, length, value));
            }
            replace(parent, n, top);
            link(top, bit(n.key, common), n);
            size++;
            return;
        }
    }

    /** The value of the longest stored prefix containing the address, or null. */
    T lookup(byte[] address) {
        T best = null;
        Node<T> n = root;
        while (n != null && hasPrefix(address, n.key, n.length)) {
            if (n.value != null) {
                best = n.value;
            }
            if (n.length == bits) {
                break;
            }
            n = n.child(bit(address, n.length));
        }
        return best;
    }

    /** Removes exactly this prefix; false if it was not stored. */
    boolean remove(byte[] address, int length) {
        byte[] key = masked(address, length);
        Node<T> n = root;
        while (n != null && n.length <= length && commonBits(n.key, key, n.length) == n.length) {
            if (n.length == length) {
                if (n.value == null) {
                    return false;
                }
                setValue(n, null);
                size--;
                prune(n);
                return true;
            }
            n = n.child(bit(key, n.length));
        }
        return false;
    }

    /** Removes every prefix the value owns; returns how many. */
    int removeAll(T value) {
        Set<Node<T>> nodes = nodesByValue.get(value);
        if (nodes == null) {
            return 0;
        }
        // The index already holds the nodes: no walk from the root to find them again. Prune never
        // takes a valued node, so the ones still to go stay in the trie until their turn.
        List<Node<T>> doomed = new ArrayList<>(nodes);
        for (Node<T> n : doomed) {
            setValue(n, null);
            size--;
            prune(n);
        }
        return doomed.size();
    }

    /** The prefixes the value owns, in ascending order of (address, length). */
    List<Entry<T>> entriesOf(T value) {
        List<Entry<T>> out = new ArrayList<>();
        for (Node<T> n : nodesOf(value)) {
            out.add(new Entry<>(n.key.clone(), n.length, n.value));
        }
        return out;
    }

    private List<Node<T>> nodesOf(T value) {
        Set<Node<T>> nodes = nodesByValue.get(value);
        if (nodes == null) {
            return List.of();
        }
        List<Node<T>> sorted = new ArrayList<>(nodes);
        sorted.sort(PREFIX_ORDER);
        return sorted;
    }

    private Node<T> valued(byte[] key, int length, T value) {
        Node<T> n = new Node<>(key, length, null);
        setValue(n, value);
        return n;
    }

    /** Every change of a node's value goes through here, to keep {@link #nodesByValue} in step. */
    private void setValue(Node<T> n, T value) {
        if (n.value != null) {
            Set<Node<T>> nodes = nodesByValue.get(n.value);
            nodes.remove(n);
            if (nodes.isEmpty()) {
                nodesByValue.remove(n.value);
            }
        }
        n.value = value;
        if (value != null) {
            nodesByValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(n);
        }
    }

    /**
     * Checks the shape the other methods rely on and keep (for tests): every node's prefix extends its
     * parent's on the side it hangs from, parent links agree, valueless nodes fork, and the size is
     * the number of valued nodes. Returns the number of nodes.
     */
    int checkInvariants() {
        if (root != null && root.parent != null) {
            throw new IllegalStateException("root has a parent");
        }
        int[] counts = new int[2];
        check(root, counts);
        if (counts[1] != size) {
            throw new IllegalStateException("size " + size + " but " + counts[1] + " valued nodes");
        }
        int indexed = nodesByValue.values().stream().mapToInt(Set::size).sum();
        if (indexed != size) {
            throw new IllegalStateException("size " + size + " but " + indexed + " nodes indexed by value");
        }
        return counts[0];
    }

    private void check(Node<T> n, int[] counts) {
        if (n == null) {
            return;
        }
        counts[0]++;
        if (n.value != null) {
            counts[1]++;
            Set<Node<T>> indexed = nodesByValue.get(n.value);
            if (indexed == null || !indexed.contains(n)) {
                throw new IllegalStateException("node /" + n.length + " is missing from its value's index");
            }
        } else if (n.zero == null || n.one == null) {
            throw new IllegalStateException("valueless node /" + n.length + " does not fork");
        }
        if (!Arrays.equals(n.key, masked(n.key, n.length))) {
            throw new IllegalStateException("node /" + n.length + " has host bits set");
        }
        for (int side = 0; side < 2; side++) {
            Node<T> c = n.child(side);
            if (c == null) {
                continue;
            }
            if (c.parent != n || c.length <= n.length || commonBits(n.key, c.key, n.length) != n.length
                    || bit(c.key, n.length) != side) {
                throw new IllegalStateException("child /" + c.length + " misplaced under /" + n.length);
            }
            check(c, counts);
        }
    }

    /** After n lost its value: drop it if it has no children, splice it out if it has one. */
    private void prune(Node<T> n) {
        while (n != null && n.value == null) {
            Node<T> only = n.zero != null ? n.zero : n.one;
            if (n.zero != null && n.one != null) {
                return; // still a needed fork
            }
            Node<T> parent = n.parent;
            replace(parent, n, only);
            if (only != null) {
                return; // the parent keeps the same number of children
            }
            n = parent; // the parent lost a child: it may now be a useless glue node
        }
    }

    private void link(Node<T> parent, int side, Node<T> child) {
        parent.setChild(side, child);
        child.parent = parent;
    }

    /** Puts replacement (maybe null) where old hangs under parent (or at the root). */
    private void replace(Node<T> parent, Node<T> old, Node<T> replacement) {
        if (parent == null) {
            root = replacement;
        } else {
            parent.setChild(parent.zero == old ? 0 : 1, replacement);
        }
        if (replacement != null) {
            replacement.parent = parent;
        }
        old.parent = null;
    }

    private static int bit(byte[] key, int index) {
        return key[index >>> 3] >>> (7 - (index & 7)) & 1;
    }

    /**
     * Whether the first {@code length} bits of {@code address} are those of {@code prefix}: whole
     * bytes compared as bytes, the last partial byte under a mask. The per-packet route lookup asks
     * this at every node on its path, so it avoids {@link #commonBits}'s bit-by-bit tail.
     */
    private static boolean hasPrefix(byte[] address, byte[] prefix, int length) {
        int whole = length >>> 3;
        for (int i = 0; i < whole; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        int rest = length & 7;
        return rest == 0 || ((address[whole] ^ prefix[whole]) & (0xff << (8 - rest) & 0xff)) == 0;
    }

    /** How many leading bits, up to max, a and b share. */
    private static int commonBits(byte[] a, byte[] b, int max) {
        int i = 0;
        while (i + 8 <= max && a[i >>> 3] == b[i >>> 3]) {
            i += 8;
        }
        while (i < max && bit(a, i) == bit(b, i)) {
            i++;
        }
        return i;
    }

    private static byte[] masked(byte[] address, int length) {
        byte[] out = Arrays.copyOf(address, address.length);
        for (int i = length; i < out.length * 8; i++) {
            out[i >>> 3] &= (byte) ~(0x80 >>> (i & 7));
        }
        return out;
    }
}
