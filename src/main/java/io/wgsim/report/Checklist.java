package io.wgsim.report;

import java.util.List;
import java.util.Map;

/** The conformance checklist (features/checklist.yaml): areas of behaviour, each a list of items. */
record Checklist(List<Area> areas) {

    Checklist {
        areas = List.copyOf(areas);
    }

    record Area(String id, String title, List<Item> items) {
        Area {
            items = List.copyOf(items);
        }
    }

    /** One behaviour with a stable id, which scenarios claim with the tag {@code @check.<id>}. */
    record Item(String id, String behaviour, Map<Backend, Applicability> backends) {
        Item {
            backends = Map.copyOf(backends);
        }

        Applicability on(Backend backend) {
            return backends.get(backend);
        }
    }

    /** The item with this id, or null. */
    Item item(String id) {
        for (Area a : areas) {
            for (Item i : a.items()) {
                if (i.id().equals(id)) {
                    return i;
                }
            }
        }
        return null;
    }
}
