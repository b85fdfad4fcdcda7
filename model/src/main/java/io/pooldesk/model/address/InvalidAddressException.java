package io.pooldesk.model.address;

/** Text that is not a valid address, CIDR or range; the message says what was wrong, in words. */
public class InvalidAddressException extends Exception {
    public InvalidAddressException(String message) {
        super(message);
    }
}
