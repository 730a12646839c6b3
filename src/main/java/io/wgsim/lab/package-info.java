/**
 * The lab conformance scenarios run in: {@link io.wgsim.lab.Lab}, the interface Cucumber steps speak
 * to, and {@link io.wgsim.lab.SimLab}, its implementation in the simulator. A Docker lab with
 * wireguard-go peers implements the same interface on the wall clock.
 */
package io.wgsim.lab;
