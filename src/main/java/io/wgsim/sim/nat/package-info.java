/** NAT boxes for the simulator: UDP mapping, filtering, timeouts and forced rebinding (RFC 4787). */
package io.wgsim.sim.nat;
