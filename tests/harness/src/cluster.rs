//! A throwaway Postgres cluster, started when no server is reachable.
//!
//! The cluster lives in a fresh temporary directory and listens on a free
//! loopback port. It is stopped and its directory removed when the test
//! process exits, however it exits (normal return, panic with abort, or a
//! signal): a small reaper process (`sh`) blocks reading a pipe whose only
//! writer is this process. The kernel closes that pipe when the process
//! ends, the reaper sees end-of-file, runs `pg_ctl stop -m immediate` and
//! deletes the directory. This needs no `atexit` hook and no unsafe code.
//!
//! Postgres refuses to run as root; when the process is root, `initdb` and
//! `pg_ctl` run as user `postgres` through `runuser -u postgres --`, and the
//! temporary directory is handed to that user with `chown`.

use std::fs;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The user the cluster runs as when this process is root.
const PG_USER: &str = "postgres";

/// Environment variables that would redirect `initdb`/`pg_ctl` elsewhere.
const PG_ENV: [&str; 6] = [
    "PGDATA",
    "PGPORT",
    "PGHOST",
    "PGUSER",
    "PGDATABASE",
    "PGOPTIONS",
];

/// Reaper script. `$1` = cluster directory, `$2` = pg_ctl, `$3` = user to
/// run pg_ctl as (empty: the current user). Terminal and group signals are
/// ignored so the reaper outlives a Ctrl-C of the test run.
const REAPER_SCRIPT: &str = r#"trap '' INT HUP TERM QUIT PIPE
cat >/dev/null
if [ -f "$1/data/postmaster.pid" ]; then
  if [ -n "$3" ]; then
    runuser -u "$3" -- "$2" stop -D "$1/data" -m immediate -s
  else
    "$2" stop -D "$1/data" -m immediate -s
  fi
fi
rm -rf -- "$1"
"#;

/// A running throwaway cluster. It is stopped at process exit.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    /// Temporary directory holding `data/`, the socket and `postgres.log`.
    pub(crate) dir: PathBuf,
    /// Loopback TCP port the server listens on.
    pub(crate) port: u16,
}

impl Cluster {
    /// Admin URL of the cluster (`postgres` database, trust authentication).
    pub(crate) fn admin_url(&self) -> String {
        format!("postgres://{PG_USER}@127.0.0.1:{}/postgres", self.port)
    }
}

/// Initialise and start a cluster. Blocking: runs `initdb` and `pg_ctl`.
pub(crate) fn start() -> Result<Cluster, String> {
    start_with(find_bindir()?)
}

/// Initialise and start a cluster from the binaries in `bindir`.
pub(crate) fn start_with(bindir: PathBuf) -> Result<Cluster, String> {
    let run_as = if is_root()? { Some(PG_USER) } else { None };

    let dir = std::env::temp_dir().join(format!("hc-pg-{}", short_hex()));
    fs::create_dir(&dir).map_err(|e| format!("could not create {}: {e}", dir.display()))?;

    // The reaper is started before anything else so that a failure from here
    // on, or a crash, still removes the directory and stops the server.
    let mut reaper = match spawn_reaper(&dir, &bindir.join("pg_ctl"), run_as) {
        Ok(child) => child,
        Err(e) => {
            let _ = fs::remove_dir_all(&dir);
            return Err(e);
        }
    };

    match init_and_start(&dir, &bindir, run_as) {
        Ok(port) => {
            // Keep the write end of the reaper's stdin open until the process
            // exits: its closing is the reaper's signal to clean up.
            std::mem::forget(reaper.stdin.take());
            std::mem::forget(reaper);
            Ok(Cluster { dir, port })
        }
        Err(e) => {
            drop(reaper.stdin.take());
            let _ = reaper.wait();
            Err(e)
        }
    }
}

fn init_and_start(dir: &Path, bindir: &Path, run_as: Option<&str>) -> Result<u16, String> {
    if let Some(user) = run_as {
        run(Command::new("chown").arg(user).arg(dir))?;
    }
    let data = dir.join("data");
    let log = dir.join("postgres.log");

    run(pg_command(&bindir.join("initdb"), run_as, dir)
        .arg("-D")
        .arg(&data)
        .args(["-A", "trust", "-U", PG_USER, "-E", "UTF8"])
        .args(["--no-locale", "--no-sync"]))?;

    let socket_dir = shell_quote(dir)?;
    let mut failures = Vec::new();
    // The port is free when picked but could be taken before the server
    // binds it; a few attempts cover that race.
    for attempt in 1..=3 {
        let port = free_port()?;
        let server_opts = format!(
            "-k {socket_dir} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        );
        let started = run(pg_command(&bindir.join("pg_ctl"), run_as, dir)
            .args(["start", "-w", "-t", "60", "-s", "-D"])
            .arg(&data)
            .arg("-l")
            .arg(&log)
            .arg("-o")
            .arg(&server_opts));
        match started {
            Ok(_) => return Ok(port),
            Err(e) => failures.push(format!(
                "attempt {attempt} (port {port}): {e}; server log tail: {}",
                log_tail(&log)
            )),
        }
    }
    Err(format!(
        "pg_ctl start failed 3 times: {}",
        failures.join(" | ")
    ))
}

/// `initdb`/`pg_ctl`, run as `run_as` through `runuser` when given.
fn pg_command(program: &Path, run_as: Option<&str>, cwd: &Path) -> Command {
    let mut cmd = match run_as {
        Some(user) => {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", user, "--"]).arg(program);
            cmd
        }
        None => Command::new(program),
    };
    // The cluster user may not be able to enter the caller's directory.
    cmd.current_dir(cwd).stdin(Stdio::null());
    for var in PG_ENV {
        cmd.env_remove(var);
    }
    cmd
}

fn spawn_reaper(dir: &Path, pg_ctl: &Path, run_as: Option<&str>) -> Result<Child, String> {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(REAPER_SCRIPT)
        .arg("hc-pg-reaper")
        .arg(dir)
        .arg(pg_ctl)
        .arg(run_as.unwrap_or(""))
        .current_dir("/")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Own process group: a signal sent to the test run's group does not
        // reach the reaper.
        .process_group(0);
    for var in PG_ENV {
        cmd.env_remove(var);
    }
    cmd.spawn()
        .map_err(|e| format!("could not start the cleanup process `sh -c <reaper>`: {e}"))
}

/// Run a command to completion; an error names the command, its exit status,
/// stderr and stdout.
pub(crate) fn run(cmd: &mut Command) -> Result<Output, String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run {shown}: {e}"))?;
    if out.status.success() {
        Ok(out)
    } else {
        Err(format!(
            "{shown} failed ({}); stderr: {:?}; stdout: {:?}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim(),
            String::from_utf8_lossy(&out.stdout).trim(),
        ))
    }
}

/// First directory on `PATH` holding both `initdb` and `pg_ctl`, else the
/// highest version under `/usr/lib/postgresql/*/bin`.
fn find_bindir() -> Result<PathBuf, String> {
    let has_both =
        |dir: &Path| is_executable(&dir.join("initdb")) && is_executable(&dir.join("pg_ctl"));

    let path = std::env::var_os("PATH").unwrap_or_default();
    if let Some(dir) = std::env::split_paths(&path).find(|d| has_both(d)) {
        return Ok(dir);
    }

    let mut versions: Vec<(Vec<u32>, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let version = name
                .split('.')
                .map(|part| part.parse::<u32>().ok())
                .collect::<Option<Vec<u32>>>()?;
            let bin = entry.path().join("bin");
            has_both(&bin).then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(|| {
        format!(
            "no directory holds both initdb and pg_ctl, neither on PATH ({}) nor under \
             /usr/lib/postgresql/*/bin",
            path.to_string_lossy()
        )
    })
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Whether the effective user is root: `/proc/self/status`, else `id -u`.
pub(crate) fn is_root() -> Result<bool, String> {
    if let Ok(status) = fs::read_to_string("/proc/self/status") {
        // "Uid:\treal\teffective\tsaved\tfs"
        let effective = status
            .lines()
            .find_map(|line| line.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1));
        if let Some(uid) = effective {
            return Ok(uid == "0");
        }
    }
    let out = run(Command::new("id").arg("-u"))?;
    Ok(String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| format!("could not find a free loopback port: {e}"))
}

/// Quote a path for the shell command line `pg_ctl` builds from `-o`.
fn shell_quote(path: &Path) -> Result<String, String> {
    let text = path
        .to_str()
        .ok_or_else(|| format!("temporary directory {} is not UTF-8", path.display()))?;
    Ok(format!("'{}'", text.replace('\'', r"'\''")))
}

fn log_tail(log: &Path) -> String {
    match fs::read_to_string(log) {
        Ok(text) => {
            let text = text.trim();
            let start = text
                .char_indices()
                .rev()
                .nth(1500)
                .map_or(0, |(index, _)| index);
            format!("{:?}", &text[start..])
        }
        Err(e) => format!("<could not read {}: {e}>", log.display()),
    }
}

/// Eight lowercase hex digits, random.
pub(crate) fn short_hex() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..8].to_owned()
}
