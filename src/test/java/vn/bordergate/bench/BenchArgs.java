package vn.bordergate.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command line of the bench tools: positional words, then {@code --name=value} options. */
record BenchArgs(List<String> words, Map<String, String> options) {

    static BenchArgs parse(String[] args) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("option " + arg + " needs a value: " + arg + "=...");
                }
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else {
                words.add(arg);
            }
        }
        return new BenchArgs(words, options);
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "=... is required");
        }
        return value;
    }

    String optional(String name, String otherwise) {
        String value = options.get(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** A comma-separated option as a list; empty when absent. */
    List<String> list(String name) {
        String value = options.get(name);
        return value == null || value.isBlank() ? List.of() : List.of(value.split(","));
    }
}
