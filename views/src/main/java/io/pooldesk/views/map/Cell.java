package io.pooldesk.views.map;

import io.pooldesk.model.address.Span;

import java.math.BigInteger;

/**
 * One cell of the map: a block of addresses (one address when zoomed in fully) and what it holds.
 *
 * @param holder the holder when the cell is one allocated or remembered address, else null
 * @param fill   how full the block is, from 0 to 1, for the shade of an aggregated cell
 * @param changed whether a what-if changed an address of the cell (drawn outlined)
 * @param conflict what an address of the cell is in conflict with, in words (drawn marked); null when none is
 */
public record Cell(Span span, CellState state, String holder, BigInteger allocated, BigInteger usable, double fill,
                   boolean changed, String conflict) {

    public boolean single() {
        return span.size().equals(BigInteger.ONE);
    }
}
