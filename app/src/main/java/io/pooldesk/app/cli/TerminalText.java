package io.pooldesk.app.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the command line prints passes through here: control characters and escape sequences that came from a file (a
 * name holding {@code ESC[2J}, a carriage return that overwrites the line, a right-to-left override) are shown as
 * visible escapes such as {@code \x1b}, so a manifest cannot repaint the operator's terminal or hide a line. Line ends
 * ({@code \n}, {@code \r\n}) and tabs pass.
 */
final class TerminalText extends FilterWriter {
    private boolean carriageReturn;

    TerminalText(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        if (carriageReturn) {
            carriageReturn = false;
            if (c == '\n') {
                out.write("\r\n");
                return;
            }
            out.write("\\r");
        }
        if (c == '\r') {
            carriageReturn = true;
        } else if (c == '\n' || c == '\t' || !unsafe(c)) {
            out.write(c);
        } else {
            out.write(c < 0x100 ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        write(java.nio.CharBuffer.wrap(buffer), offset, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        int end = offset + length;
        int i = offset;
        // a report is megabytes of safe text: passed on whole unless a character needs escaping
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x7f || c < ' ' && c != '\n') {
                break;
            }
        }
        if (i == end && !carriageReturn) {
            out.write(text, offset, length);
            return;
        }
        write((CharSequence) text, offset, length);
    }

    /** Safe runs go to the encoder whole: one call per character made a 4 MB report take seconds. */
    private void write(CharSequence text, int offset, int length) throws IOException {
        int end = offset + length;
        int run = offset;
        for (int i = offset; i < end; i++) {
            char c = text.charAt(i);
            if (!carriageReturn && (c == '\n' || c == '\t' || (c != '\r' && !unsafe(c)))) {
                continue;
            }
            out.append(text, run, i);
            write(c);
            run = i + 1;
        }
        out.append(text, run, end);
    }

    @Override
    public void close() throws IOException {
        if (carriageReturn) {
            carriageReturn = false;
            out.write("\\r");
        }
        super.close();
    }

    static boolean unsafe(int c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
