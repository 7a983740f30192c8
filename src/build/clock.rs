//! Stage timings: each stage's wall time, the processor time of all threads in it and the
//! peak resident memory after it, printed with `SYLLABUS_TIMINGS=1` by `build` and `serve`.

use std::time::{Duration, Instant};

/// One stage's wall time, the processor time all threads spent in it, and the process's
/// peak resident memory when it ended (the last two on Linux only).
#[derive(Debug, Clone, Copy)]
pub struct Lap {
    pub stage: &'static str,
    pub time: Duration,
    pub cpu: Duration,
    pub rss_mb: u64,
}

/// Times the stages of one build, one lap each.
pub struct Clock {
    last: Instant,
    last_cpu: Duration,
    pub laps: Vec<Lap>,
}

impl Clock {
    pub fn start() -> Clock {
        Clock { last: Instant::now(), last_cpu: cpu_time(), laps: Vec::new() }
    }

    /// Ends the stage `stage`, which began when the last one ended.
    pub fn lap(&mut self, stage: &'static str) {
        let (now, cpu) = (Instant::now(), cpu_time());
        let lap = Lap { stage, time: now - self.last, cpu: cpu.saturating_sub(self.last_cpu), rss_mb: resident_mb() };
        self.laps.push(lap);
        (self.last, self.last_cpu) = (now, cpu);
    }

    /// The wall time of every lap so far.
    pub fn total(&self) -> Duration {
        self.laps.iter().map(|l| l.time).sum()
    }
}

/// Whether stage timings are to be printed (`SYLLABUS_TIMINGS` is set).
pub fn wanted() -> bool {
    std::env::var_os("SYLLABUS_TIMINGS").is_some()
}

/// The laps as lines: stage, wall time, processor time, peak memory.
pub fn lines(laps: &[Lap]) -> Vec<String> {
    laps.iter()
        .map(|lap| {
            let (wall, cpu) = (lap.time.as_secs_f64() * 1000.0, lap.cpu.as_secs_f64() * 1000.0);
            format!("  {:<10} {wall:>8.1} ms {cpu:>8.0} ms cpu {:>6} MB", lap.stage, lap.rss_mb)
        })
        .collect()
}

/// Peak resident memory so far in MB, from /proc (0 where there is none).
fn resident_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.split_whitespace().next()?.parse().ok());
    kb.unwrap_or(0) / 1024
}

/// Processor time (user and system) of all the process's threads so far, from /proc
/// (zero where there is none), counted in the kernel's ticks of 10 ms.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    Duration::from_millis(cpu_ticks(&stat) * 10)
}

/// utime plus stime from a `/proc/PID/stat` line (0 if it cannot be read).
fn cpu_ticks(stat: &str) -> u64 {
    // Fields after the command name, which is in parentheses and may hold spaces and `)`.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime are the 14th and 15th fields; the rest starts at the 3rd.
    ticks(11) + ticks(12)
}

#[cfg(test)]
mod tests {
    #[test]
    fn processor_time_is_read_after_a_command_name_with_spaces_and_parentheses() {
        let stat = "4242 (my (odd) cmd) R 1 4242 4242 0 -1 4194304 900 0 0 0 123 45 0 0 20 0 3 0";
        assert_eq!(super::cpu_ticks(stat), 168);
        assert_eq!(super::cpu_ticks(""), 0);
    }
}
