package io.pooldesk.model.workspace;

import io.pooldesk.model.address.Address;

import java.util.Optional;

/**
 * Who has one address of a pool, as the simulation's ledger says: a holder, nobody (free), or nobody ever (inside the
 * pool's ranges but never handed out, such as a gateway or an excluded address).
 *
 * @param holder the holder in the pool system's own notation ({@code ns/name}, a MAC, {@code ns/a;ns/b} when shared);
 *               null unless {@link State#HELD}
 */
public record AddressHolder(PoolSummary pool, Address address, State state, String holder) {
    public enum State { HELD, FREE, NOT_HANDED_OUT }

    /** The address's holder in {@code pool}; empty when the pool's ranges do not name the address. */
    public static Optional<AddressHolder> in(PoolSummary pool, Address address) {
        if (!pool.written().contains(address)) {
            return Optional.empty();
        }
        String holder = pool.allocated().get(address);
        State state = holder != null ? State.HELD : pool.usable().contains(address) ? State.FREE
                : State.NOT_HANDED_OUT;
        return Optional.of(new AddressHolder(pool, address, state, holder));
    }

    /** "held by ns/name", "free" or "not handed out (reserved)". */
    public String describe() {
        return switch (state) {
            case HELD -> "held by " + holder;
            case FREE -> "free";
            case NOT_HANDED_OUT -> "not handed out (reserved)";
        };
    }
}
