package io.pooldesk.model.validation;

/** One broken admission rule: the field it concerns and the message, worded as the reference words it. */
public record Violation(String field, String message) {
}
