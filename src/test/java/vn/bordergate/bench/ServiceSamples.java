package vn.bordergate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The service's resident memory and CPU time (summed over its instances) and the machine's CPU, sampled every
 * 0.5 s from /proc until the run ends, so each phase gets its RSS peak, the cores the service used and how busy
 * the whole machine was. Written to {@code logs/samples.log} as well (time ms, RSS kB, service ticks, machine
 * ticks, machine idle ticks).
 */
final class ServiceSamples implements AutoCloseable {

    /** One reading. */
    record Sample(long millis, long rssKb, long serviceTicks, long machineTicks, long idleTicks) {
    }

    /** A phase's figures; {@code cores} is null (NA) when the window held too few samples. */
    record Window(Long rssMaxMb, Double cores, Long busyPct) {

        /** {@code <prefix>_rss_max_mb}, {@code _app_cpu_cores} and {@code _machine_cpu_busy_pct}. */
        void put(Figures figures, String prefix) {
            figures.put(prefix + "_rss_max_mb", rssMaxMb);
            figures.put(prefix + "_app_cpu_cores", cores == null ? null : String.format(Locale.ROOT, "%.2f", cores));
            figures.put(prefix + "_machine_cpu_busy_pct", busyPct);
        }
    }

    private final List<Long> pids;
    private final List<Sample> samples = new ArrayList<>();
    private final Writer log;
    private final double ticksPerSecond = clockTicks();
    private final Thread sampler;
    private volatile boolean running = true;

    ServiceSamples(List<Long> pids, Path logFile) {
        this.pids = List.copyOf(pids);
        try {
            this.log = Files.newBufferedWriter(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sampler = Thread.ofPlatform().daemon().name("service-samples").start(this::sampleUntilClosed);
    }

    private void sampleUntilClosed() {
        while (running && pids.stream().anyMatch(pid -> Files.exists(Path.of("/proc/" + pid)))) {
            Sample s = read();
            synchronized (samples) {
                samples.add(s);
            }
            try {
                log.write(s.millis + " " + s.rssKb + " " + s.serviceTicks + " " + s.machineTicks + " " + s.idleTicks + "\n");
                Thread.sleep(500);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Summed over the instances, so one instance and several compare (cores, CPU per request). */
    long rssKbNow() {
        return pids.stream().mapToLong(ServiceSamples::rssKb).sum();
    }

    long rssMaxKb() {
        synchronized (samples) {
            return samples.stream().mapToLong(Sample::rssKb).max().orElse(0);
        }
    }

    Window window(long fromMillis, long toMillis) {
        List<Sample> in;
        synchronized (samples) {
            in = samples.stream().filter(s -> s.millis >= fromMillis && s.millis <= toMillis).toList();
        }
        if (in.isEmpty()) {
            return new Window(null, null, null);
        }
        Sample first = in.getFirst();
        Sample last = in.getLast();
        long rssMb = in.stream().mapToLong(Sample::rssKb).max().orElse(0) / 1024;
        if (last.millis <= first.millis || last.machineTicks <= first.machineTicks) {
            return new Window(null, null, null);
        }
        double cores = (last.serviceTicks - first.serviceTicks) / ticksPerSecond / ((last.millis - first.millis) / 1000.0);
        double busy = 100.0 * (1 - (double) (last.idleTicks - first.idleTicks) / (last.machineTicks - first.machineTicks));
        return new Window(rssMb, Double.valueOf(String.format(Locale.ROOT, "%.2f", cores)), Math.round(busy));
    }

    /** Connections the kernel dropped because an accept queue was full (TcpExt ListenOverflows). */
    static long listenOverflows() {
        List<String> lines = lines(Path.of("/proc/net/netstat"));
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String[] names = lines.get(i).split("\\s+");
            String[] values = lines.get(i + 1).split("\\s+");
            if (names[0].equals("TcpExt:")) {
                for (int k = 1; k < names.length && k < values.length; k++) {
                    if (names[k].equals("ListenOverflows")) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
        }
        return 0;
    }

    private Sample read() {
        long ticks = 0;
        for (long pid : pids) {
            List<String> stat = lines(Path.of("/proc/" + pid + "/stat"));
            if (!stat.isEmpty()) {
                // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th.
                String[] f = stat.getFirst().substring(stat.getFirst().lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
        }
        long total = 0;
        long idle = 0;
        for (String line : lines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                break;
            }
        }
        return new Sample(System.currentTimeMillis(), rssKbNow(), ticks, total, idle);
    }

    private static long rssKb(long pid) {
        return lines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();   // a process that has just exited
        }
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(2000);
            log.close();
        } catch (IOException | InterruptedException e) {
            // the samples taken so far are all the figures need
        }
    }
}
