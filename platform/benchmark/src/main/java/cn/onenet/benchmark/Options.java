package cn.onenet.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Command-line options. */
record Options(String target, double rate, Duration duration, Duration warmup, String kafka, String compareDirect,
        Path out, Map<String, Long> pids, int maxOutstanding, Duration timeout, Duration dispatchWait,
        Duration lagWait, String lagGroup, long seed, String issuer, boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ./bench.sh [options]   (the suite must be running: ./run.sh in another shell)",
            "  --target <url>            where to send POST /api/v1/requests (default http://127.0.0.1:8080)",
            "  --rate <n>                requests per second, a fixed arrival rate (default 1000)",
            "  --duration <d>            measured time, e.g. 60s, 2m, 1500ms (default 60s)",
            "  --warmup <d>              load before the measured time, not recorded (default 10s)",
            "  --kafka <host:port>       the broker, to follow requests to DISPATCHED and read lag (default 127.0.0.1:9092)",
            "  --compare-direct <url>    afterwards run the same load straight to intake, e.g. http://127.0.0.1:8081",
            "  --out <dir>               where result.json and report.html go (default target/bench)",
            "  --pids <name=pid,...>     processes to sample (default: the suite's JVMs, found in /proc)",
            "  --max-outstanding <n>     requests in flight at most; a request due beyond that counts as the",
            "                            error client-saturated (default 1000)",
            "  --timeout <d>             per request (default 10s)",
            "  --dispatch-wait <d>       after the load, how long to wait for outstanding dispatches (default 30s)",
            "  --lag-wait <d>            after the load, how long to wait for the routing lag to reach 0 (default 60s)",
            "  --lag-group <id>          consumer group whose lag on onenet.requests.submitted.v1 is sampled",
            "                            (default routing-submissions; if it commits nothing there, the group that does)",
            "  --seed <n>                random seed of the generated requests (default: random)",
            "  --issuer <url>|none       identity provider: each channel system's demo client gets its token there",
            "                            (client credentials); none sends no tokens (default http://127.0.0.1:9000)",
            "  --help                    this text");

    static Options parse(String... args) {
        String target = "http://127.0.0.1:8080";
        double rate = 1000;
        Duration duration = Duration.ofSeconds(60);
        Duration warmup = Duration.ofSeconds(10);
        String kafka = "127.0.0.1:9092";
        String compareDirect = null;
        Path out = Path.of("target", "bench");
        Map<String, Long> pids = null;
        int maxOutstanding = 1000;
        Duration timeout = Duration.ofSeconds(10);
        Duration dispatchWait = Duration.ofSeconds(30);
        Duration lagWait = Duration.ofSeconds(60);
        String lagGroup = LagProbe.ROUTING_GROUP;
        long seed = System.nanoTime();
        String issuer = "http://127.0.0.1:9000";
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String inline = arg.startsWith("--") && equals > 0 ? arg.substring(equals + 1) : null;
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--target" -> target = url(name, value);
                case "--rate" -> rate = positive(name, value);
                case "--duration" -> duration = duration(name, value);
                case "--warmup" -> warmup = duration(name, value);
                case "--kafka" -> kafka = value;
                case "--compare-direct" -> compareDirect = url(name, value);
                case "--out" -> out = Path.of(value);
                case "--pids" -> pids = ProcessDiscovery.parsePids(value);
                case "--max-outstanding" -> maxOutstanding = (int) positive(name, value);
                case "--timeout" -> timeout = duration(name, value);
                case "--dispatch-wait" -> dispatchWait = duration(name, value);
                case "--lag-wait" -> lagWait = duration(name, value);
                case "--lag-group" -> lagGroup = value;
                case "--seed" -> seed = Long.parseLong(value);
                case "--issuer" -> issuer = "none".equalsIgnoreCase(value) ? null : url(name, value);
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        return new Options(target, rate, duration, warmup, kafka, compareDirect, out, pids, maxOutstanding,
                timeout, dispatchWait, lagWait, lagGroup, seed, issuer, help);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** {@code 60s}, {@code 1500ms}, {@code 2m}, {@code 1h}, or a bare number of seconds. */
    static Duration duration(String name, String value) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + " takes a duration such as 60s, 1500ms or 2m, not '" + value + "'");
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private static double positive(String name, String value) {
        try {
            double number = Double.parseDouble(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + " takes a positive number, not '" + value + "'");
    }

    private static String url(String name, String value) {
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            throw new IllegalArgumentException(name + " takes an http:// URL, not '" + value + "'");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** The port of an http(s) URL (80/443 when it names none). */
    static int portOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getPort() > 0 ? uri.getPort() : url.startsWith("https") ? 443 : 80;
    }
}
