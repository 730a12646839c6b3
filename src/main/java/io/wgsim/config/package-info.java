/**
 * The files wgsim shares with WireGuard's own tools: wg-quick(8) configuration files
 * ({@link io.wgsim.config.WgQuickParser}, {@link io.wgsim.config.WgQuickWriter}) and the tab-separated
 * output of {@code wg show <interface> dump} ({@link io.wgsim.config.WgDump}).
 *
 * <p>The records here are values only: they validate their fields and know nothing about sockets or the
 * protocol core. Error messages name the file, line, section and field, and never contain a private or
 * preshared key.
 */
package io.wgsim.config;
