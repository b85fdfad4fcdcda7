package io.pooldesk.model.system;

/** Batch-wide facts a conversion's writers share: the ranks in use, and whether the one default pool is taken. */
public final class ConversionBatch {
    public int maxRank;
    public boolean defaultTaken;
}
