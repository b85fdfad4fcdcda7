package io.pooldesk.model.system;

/** Why a request waits, in kinds every pool system shares; the reference's own words travel beside it. */
public enum PendingReason {
    /** No pool's selector, namespaces or priority admits the request. */
    NO_MATCHING_POOL,
    /** A pool was chosen but has no free address left. */
    POOL_EXHAUSTED,
    /** The address (or pool) the request names is taken, outside every pool, or of the wrong family. */
    REQUESTED_ADDRESS_UNAVAILABLE,
    /** The request itself is malformed for this system (an unknown mode, a bad annotation). */
    INVALID_REQUEST,
    /** The pool or the request is paused or disabled. */
    PAUSED,
    /** The reference would misbehave on this input; Pooldesk does not model that walk and says so. */
    NOT_MODELLED
}
