package io.wgsim.topology;

/** A value read from the file together with where it was written, for messages found later on. */
record Val<T>(T value, Pos pos) {
}
