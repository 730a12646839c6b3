package io.wgsim.protocol.allowedips;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A path-compressed binary trie over fixed-width keys (32 or 128 bits), the structure of the kernel's
 * allowedips.c. Each node holds a masked prefix; nodes without a value are glue where two prefixes
 * part ways. A node is only ever kept if it has a value or two children, so the trie has at most
 * {@code 2n - 1} nodes for n prefixes.
 */
final class PrefixTrie<T> {

    /** A stored prefix and its value, as handed out by {@link #entries}. */
    record Entry<T>(byte[] key, int length, T value) {}

    private static final class Node<T> {
        final byte[] key;
        final int length;
        T value;
        Node<T> parent;
        @SuppressWarnings("unchecked")
        final Node<T>[] child = (Node<T>[]) new Node<?>[2];

        Node(byte[] key, int length, T value) {
            this.key = key;
            this.length = length;
            this.value = value;
        }
    }

    private final int bits;
    private Node<T> root;
    private int size;

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
            root = new Node<>(key, length, value);
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
                n.value = value;
                return;
            }
            if (common == n.length) {
                int side = bit(key, n.length);
                if (n.child[side] == null) {
                    link(n, side, new Node<>(key, length, value));
                    size++;
                    return;
                }
                n = n.child[side];
                continue;
            }
            // The new prefix parts from n above n: it goes between n and n's parent.
            Node<T> parent = n.parent;
            Node<T> top;
            if (common == length) {
                top = new Node<>(key, length, value);
            } else {
                top = new Node<>(masked(key, common), common, null);
                link(top, bit(key, common), new Node<>(key, length, value));
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
        while (n != null && commonBits(n.key, address, n.length) == n.length) {
            if (n.value != null) {
                best = n.value;
            }
            if (n.length == bits) {
                break;
            }
            n = n.child[bit(address, n.length)];
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
                n.value = null;
                size--;
                prune(n);
                return true;
            }
            n = n.child[bit(key, n.length)];
        }
        return false;
    }

    /** Removes every prefix whose value matches; returns how many. */
    int removeIf(Predicate<T> match) {
        List<Entry<T>> doomed = new ArrayList<>();
        collect(root, match, doomed);
        for (Entry<T> e : doomed) {
            remove(e.key(), e.length());
        }
        return doomed.size();
    }

    /**
     * The stored prefixes whose value matches, in pre-order with the 0 side first, which is ascending
     * order of (address, length): an ancestor has the smaller masked address and the shorter length,
     * and the 0 side of a split holds the smaller addresses.
     */
    List<Entry<T>> entries(Predicate<T> match) {
        List<Entry<T>> out = new ArrayList<>();
        collect(root, match, out);
        return out;
    }

    private void collect(Node<T> n, Predicate<T> match, List<Entry<T>> out) {
        if (n == null) {
            return;
        }
        if (n.value != null && match.test(n.value)) {
            out.add(new Entry<>(n.key.clone(), n.length, n.value));
        }
        collect(n.child[0], match, out);
        collect(n.child[1], match, out);
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
        return counts[0];
    }

    private void check(Node<T> n, int[] counts) {
        if (n == null) {
            return;
        }
        counts[0]++;
        if (n.value != null) {
            counts[1]++;
        } else if (n.child[0] == null || n.child[1] == null) {
            throw new IllegalStateException("valueless node /" + n.length + " does not fork");
        }
        if (!Arrays.equals(n.key, masked(n.key, n.length))) {
            throw new IllegalStateException("node /" + n.length + " has host bits set");
        }
        for (int side = 0; side < 2; side++) {
            Node<T> c = n.child[side];
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
            Node<T> only = n.child[0] != null ? n.child[0] : n.child[1];
            if (n.child[0] != null && n.child[1] != null) {
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
        parent.child[side] = child;
        child.parent = parent;
    }

    /** Puts replacement (maybe null) where old hangs under parent (or at the root). */
    private void replace(Node<T> parent, Node<T> old, Node<T> replacement) {
        if (parent == null) {
            root = replacement;
        } else {
            parent.child[parent.child[0] == old ? 0 : 1] = replacement;
        }
        if (replacement != null) {
            replacement.parent = parent;
        }
        old.parent = null;
    }

    private static int bit(byte[] key, int index) {
        return key[index >>> 3] >>> (7 - (index & 7)) & 1;
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
