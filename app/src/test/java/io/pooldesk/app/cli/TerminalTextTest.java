package io.pooldesk.app.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Text written in bulk is escaped exactly as the same text written one character at a time. */
class TerminalTextTest {
    private static final String ALPHABET = "ab \t\n\r\u001b\u0007\u009b\u202e\u2067é漢";

    @Test
    void escapesControlCharactersAndKeepsLineEnds() throws IOException {
        assertEquals("a\\x1b[2Jb\r\nc\\rd\\u202e\n", bulk("a\u001b[2Jb\r\nc\rd\u202e\n"));
    }

    @Test
    void aCarriageReturnAtTheEndOfOneWriteMeetsTheLineFeedOfTheNext() throws IOException {
        StringWriter sink = new StringWriter();
        try (TerminalText text = new TerminalText(sink)) {
            text.write("one\r");
            text.write("\ntwo\r");
        }
        assertEquals("one\r\ntwo\\r", sink.toString());
    }

    @Test
    void bulkWritesMatchCharacterByCharacterWrites() throws IOException {
        Random random = new Random(17);
        for (int trial = 0; trial < 2000; trial++) {
            StringBuilder input = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                input.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = input.toString();
            StringWriter oneByOne = new StringWriter();
            try (TerminalText terminal = new TerminalText(oneByOne)) {
                for (int i = 0; i < text.length(); i++) {
                    terminal.write(text.charAt(i));
                }
            }
            assertEquals(oneByOne.toString(), bulk(text), "input " + text.codePoints().boxed().toList());
        }
    }

    private static String bulk(String text) throws IOException {
        StringWriter sink = new StringWriter();
        try (TerminalText terminal = new TerminalText(sink)) {
            int cut = text.length() / 2;
            terminal.write(text.substring(0, cut));
            terminal.write(text.substring(cut).toCharArray(), 0, text.length() - cut);
        }
        return sink.toString();
    }
}
