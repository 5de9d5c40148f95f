//! `hadath serve`: the web view over a store. Glue over `hadath-server`.

use anyhow::{bail, Context, Result};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

pub const SERVE_HELP: &str = "\
Serves a JSON API over the store (described at /api/openapi.json) and a page with the timeline,
the actor network, each event's evidence in its Arabic sources, and a box to add an article. The
page's assets are inside the binary: nothing to build, nothing fetched from elsewhere.

Listens on 127.0.0.1 only, unless --bind names another address (anyone who can reach it can then
read the store and add articles: there is no authentication).

Examples:
  hadath ingest ../shared/corpus/seeds --db seeds.db && hadath serve --db seeds.db
  hadath serve --port 9000
  hadath serve --bind 0.0.0.0:8080   # other machines too";

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The store file (default: $HADATH_DB, else hadath.db in the current directory); created
    /// empty if missing.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    /// Address to listen on: an IP address, or IP:PORT.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    bind: String,
    /// Port to listen on (overrides the port of --bind; 0 picks a free one).
    #[arg(long)]
    port: Option<u16>,
    /// Worker threads (default: 2).
    #[arg(long, short = 'j', default_value_t = 2)]
    jobs: usize,
    #[command(flatten, next_help_heading = "User data (no recompiling)")]
    config: crate::config::ExtractorArgs,
}

fn parse_bind(bind: &str, port: Option<u16>) -> Result<SocketAddr> {
    let mut addr = match bind.parse::<SocketAddr>() {
        Ok(a) => a,
        Err(_) => {
            match bind.trim_matches(['[', ']']).parse::<IpAddr>() {
                Ok(ip) => SocketAddr::new(ip, 8080),
                Err(_) => {
                    bail!("--bind {bind:?}: not an address (use 127.0.0.1, 127.0.0.1:8080 or [::1]:8080)")
                }
            }
        }
    };
    if let Some(p) = port {
        addr.set_port(p);
    }
    Ok(addr)
}

pub fn serve(a: ServeArgs) -> Result<ExitCode> {
    let db = a.db.clone().unwrap_or_else(hadath_store::default_path);
    let addr = parse_bind(&a.bind, a.port)?;
    if !db.exists() {
        eprintln!(
            "hadath: {} does not exist; starting with an empty store (add articles from the page, or with `hadath ingest`)",
            db.display()
        );
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(a.jobs.max(1))
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    let shown = db.display().to_string();
    rt.block_on(hadath_server::serve(
        &db,
        addr,
        hadath_server::ServeOptions {
            limits: hadath_server::Limits::default(),
            extractor: std::sync::Arc::new(a.config.extractor()?),
        },
        |bound| {
            if !bound.ip().is_loopback() {
                eprintln!(
                    "hadath: warning: listening on {bound}, reachable from other machines; the API has no authentication"
                );
            }
            eprintln!("hadath: serving {shown} at http://{bound}/ (Ctrl-C to stop)");
        },
        stop_signal(),
    ))
    .with_context(|| format!("cannot serve {shown} on {addr}"))?;
    // The runtime goes first, and with it every store connection: SQLite then folds the
    // write-ahead log into the store and removes it.
    drop(rt);
    eprintln!("hadath: stopped; {shown} closed");
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C, or SIGTERM (what `kill` and service managers send).
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

#[cfg(test)]
mod tests {
    use super::parse_bind;

    #[test]
    fn bind_forms() {
        assert_eq!(
            parse_bind("127.0.0.1:8080", None).unwrap().to_string(),
            "127.0.0.1:8080"
        );
        assert_eq!(
            parse_bind("127.0.0.1", Some(9000)).unwrap().to_string(),
            "127.0.0.1:9000"
        );
        assert_eq!(
            parse_bind("[::1]:80", Some(81)).unwrap().to_string(),
            "[::1]:81"
        );
        assert_eq!(parse_bind("::1", None).unwrap().to_string(), "[::1]:8080");
        assert!(parse_bind("localhost:80", None).is_err());
    }
}
