package io.wgsim.protocol.allowedips;

import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A deliberately naive routing table for comparison with {@link AllowedIps}, in the spirit of the
 * kernel selftest's "horrible_allowedips": a flat list, linear scans, no cleverness to get wrong.
 */
final class NaiveRouter<T> {

    private record Route<T>(Cidr network, T value) {}

    private final List<Route<T>> routes = new ArrayList<>();

    void insert(Cidr prefix, T value) {
        Cidr network = prefix.network();
        routes.removeIf(r -> r.network().equals(network));
        routes.add(new Route<>(network, value));
    }

    boolean remove(Cidr prefix) {
        Cidr network = prefix.network();
        return routes.removeIf(r -> r.network().equals(network));
    }

    void removeByValue(T value) {
        routes.removeIf(r -> r.value().equals(value));
    }

    T lookup(byte[] address) {
        Route<T> best = null;
        for (Route<T> r : routes) {
            if (r.network().contains(address) && (best == null || r.network().length() > best.network().length())) {
                best = r;
            }
        }
        return best == null ? null : best.value();
    }

    List<Cidr> prefixesOf(T value) {
        Comparator<Cidr> order = Comparator.comparing((Cidr c) -> !c.isIpv4())
                .thenComparing((x, y) -> Arrays.compareUnsigned(x.address().getAddress(), y.address().getAddress()))
                .thenComparingInt(Cidr::length);
        return routes.stream().filter(r -> r.value().equals(value)).map(Route::network).sorted(order).toList();
    }

    int size() {
        return routes.size();
    }

    static Cidr prefix(byte[] address, int length) {
        return new Cidr(IpAddresses.fromBytes(address), length);
    }
}
