package dev.imagepipeline.web.limit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The rate limit as one Lua script that Redis runs atomically: the same GCRA as {@link LocalRateLimiter}, on the
 * server's clock ({@code TIME}), so that every instance counts against one bucket whatever its own clock says. A key's
 * TAT is kept in microseconds and expires when its bucket is full again, so idle keys cost nothing.
 */
final class GcraScript {

    static final String SOURCE = """
            -- KEYS[1]: the key's theoretical arrival time in microseconds; ARGV[1]: requests a minute
            if redis.replicate_commands then redis.replicate_commands() end -- TIME in a script before Redis 5
            local minute = 60000000
            local per_minute = tonumber(ARGV[1])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local interval = minute / per_minute
            local tat = tonumber(redis.call('GET', KEYS[1])) or now
            if tat < now then tat = now end
            local next_tat = tat + interval
            local allowed_from = next_tat - minute
            if allowed_from > now then
              return {0, 0, math.ceil(allowed_from - now)}
            end
            redis.call('SET', KEYS[1], string.format('%.17g', next_tat),
              'PX', string.format('%d', math.ceil((next_tat - now) / 1000)))
            return {1, math.min(math.floor((now - allowed_from) / interval), per_minute - 1), 0}
            """;

    private static final String SHA = sha1(SOURCE);

    private GcraScript() {
    }

    static Verdict take(RedisCommands<String, String> commands, String key, Rate rate) {
        String[] keys = {key};
        String perMinute = Integer.toString(rate.perMinute());
        List<Long> reply;
        try {
            reply = commands.evalsha(SHA, ScriptOutputType.MULTI, keys, perMinute);
        } catch (RedisNoScriptException e) {
            // A restarted or flushed server has forgotten the script; EVAL sends it along and caches it again.
            reply = commands.eval(SOURCE, ScriptOutputType.MULTI, keys, perMinute);
        }
        return reply.get(0) == 1
                ? Verdict.allow(reply.get(1).intValue())
                : Verdict.refuse(Duration.ofNanos(reply.get(2) * 1000));
    }

    private static String sha1(String source) {
        try {
            var digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-1.
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
