package io.pooldesk.model.openelb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.manifest.ManifestException;


/**
 * The addresses of an Eip, as OpenELB's {@code GetSize}: a bare IP is one address; a CIDR is the whole block, network
 * and broadcast included, host bits dropped; a range is inclusive. Everything is reachable, by design.
 */
public final class EipRange {
    private EipRange() {
    }

    public static Span of(Eip eip) throws ManifestException {
        String text = eip.address();
        try {
            if (text.isEmpty()) {
                throw new InvalidAddressException("address is required");
            }
            if (text.chars().anyMatch(Character::isWhitespace)) {
                // GetSize (api/v1alpha2/eip_types.go 72-93) hands the text to net.ParseIP and net.ParseCIDR untrimmed
                throw new InvalidAddressException("it holds spaces, which OpenELB does not trim");
            }
            if (AddressParser.looksLikeRange(text)) {
                if (!text.equals(text.replaceAll("\\s", ""))) {
                    // the webhook's GetSize splits on '-' without trimming (api/v1alpha2/eip_types.go 72-101)
                    throw new InvalidAddressException("spaces around '-' are not trimmed");
                }
                Address[] ends = AddressParser.rangeEnds(text);
                if (ends[0].compareTo(ends[1]) > 0) {
                    throw new InvalidAddressException("start is after end");
                }
                return new Span(ends[0], ends[1]);
            }
            if (AddressParser.looksLikeCidr(text)) {
                Cidr cidr = AddressParser.cidr(text);
                return cidr.span();
            }
            return Span.single(AddressParser.address(text));
        } catch (InvalidAddressException e) {
            throw new ManifestException("spec.address", "invalid eip address format: " + text + " (" + e.getMessage()
                    + ")");
        }
    }

    /** OpenELB's {@code poolSize}: a machine-int shift, so IPv6 blocks of 64 host bits or more read 0 or negative. */
    public static long referenceSize(Eip eip, Span span) {
        String text = eip.address();
        if (AddressParser.looksLikeCidr(text) && !AddressParser.looksLikeRange(text)) {
            int hostBits = span.size().bitLength() - 1;
            // Go's 1 << hostBits on an int: 0 from 64 bits on, negative at 63
            return hostBits >= 64 ? 0 : 1L << hostBits;
        }
        return span.size().longValue();
    }
}
