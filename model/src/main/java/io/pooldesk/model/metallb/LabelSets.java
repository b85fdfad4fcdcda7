package io.pooldesk.model.metallb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The label sets of the held Services, each kept once and numbered (0 is no labels): Services of one application
 * carry the same labels, so a number per Service costs four bytes where its own map would cost a hundred. A number
 * lives while a Service refers to it, then is reused.
 */
final class LabelSets {
    private final Map<Map<String, String>, Integer> numbers = new HashMap<>();
    private final List<Map<String, String>> sets = new ArrayList<>(List.of(Map.of()));
    private int[] refs = new int[1];
    private final List<Integer> free = new ArrayList<>();

    /** The number of these labels, made if new; one more reference to it. */
    int retain(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return 0;
        }
        Integer number = numbers.get(labels);
        if (number == null) {
            Map<String, String> kept = Map.copyOf(labels);
            if (free.isEmpty()) {
                number = sets.size();
                sets.add(kept);
                if (number == refs.length) {
                    refs = Arrays.copyOf(refs, refs.length * 2);
                }
            } else {
                number = free.remove(free.size() - 1);
                sets.set(number, kept);
            }
            numbers.put(kept, number);
        }
        refs[number]++;
        return number;
    }

    void release(int number) {
        if (number != 0 && --refs[number] == 0) {
            numbers.remove(sets.get(number));
            sets.set(number, null);
            free.add(number);
        }
    }

    Map<String, String> get(int number) {
        return sets.get(number);
    }
}
