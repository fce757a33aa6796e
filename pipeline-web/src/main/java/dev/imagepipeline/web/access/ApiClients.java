package dev.imagepipeline.web.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured API clients: each name with its key, held only as a SHA-256 hash. Looking a key up hashes it first,
 * so the lookup's timing says nothing about any stored key.
 */
public final class ApiClients {

    /** Names travel in events and logs, so they are kept short and plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Below this a key could be guessed; 32 random hex digits or a UUID are well above it. */
    static final int MIN_KEY_LENGTH = 16;

    private final Map<String, String> namesByKeyHash;

    private ApiClients(Map<String, String> namesByKeyHash) {
        this.namesByKeyHash = namesByKeyHash;
    }

    /**
     * Reads {@code name:key} pairs.
     *
     * @throws IllegalArgumentException naming the pair's position and name, never its key, when a pair is not
     *         {@code name:value}, a name is not plain, a key is short, or a name or key repeats
     */
    public static ApiClients of(List<String> keys) {
        var byHash = new HashMap<String, String>();
        for (int i = 0; i < keys.size(); i++) {
            var pair = pair(keys.get(i), i);
            if (pair.value().length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("The API key of client '" + pair.name() + "' is shorter than "
                        + MIN_KEY_LENGTH + " characters; use a long random key.");
            }
            if (byHash.containsValue(pair.name())) {
                throw new IllegalArgumentException("API client '" + pair.name() + "' is configured twice.");
            }
            if (byHash.put(hash(pair.value()), pair.name()) != null) {
                throw new IllegalArgumentException("API client '" + pair.name() + "' has another client's key.");
            }
        }
        return new ApiClients(Map.copyOf(byHash));
    }

    /** The name of the client whose key this is, if any. */
    public Optional<String> clientOf(String key) {
        return Optional.ofNullable(namesByKeyHash.get(hash(key)));
    }

    public boolean isEmpty() {
        return namesByKeyHash.isEmpty();
    }

    public int size() {
        return namesByKeyHash.size();
    }

    private static Pair pair(String text, int index) {
        int colon = text.indexOf(':');
        String position = "The API key pair at position " + (index + 1);
        if (colon < 0) {
            throw new IllegalArgumentException(position + " is not name:value.");
        }
        String name = text.substring(0, colon).strip();
        String value = text.substring(colon + 1).strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    position + " has a name that is not 1 to 64 letters, digits, " + "'.', '_' or '-'.");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(position + " ('" + name + "') has no value.");
        }
        return new Pair(name, value);
    }

    private static String hash(String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private record Pair(String name, String value) {
    }
}
