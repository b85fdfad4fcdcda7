package io.pooldesk.model.ledger;

/** Unsigned 128-bit values held as two longs, high half first: the ledger's address keys. */
final class Unsigned128 {
    private Unsigned128() {
    }

    static int compare(long hiA, long loA, long hiB, long loB) {
        int c = Long.compareUnsigned(hiA, hiB);
        return c != 0 ? c : Long.compareUnsigned(loA, loB);
    }
}
