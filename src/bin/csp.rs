//! `scripts/csp`: prints the Content-Security-Policy a deployment serves the app with, read
//! from its `config.json` by the app's own parser, so the hosts are exactly the ones it calls.
//!
//!   scripts/csp [CONFIG_JSON] [--frame-ancestors "SOURCE ..."] [--connect-src "SOURCE ..."]
//!               [--format nginx|apache|iis]
//!
//! Without a file the defaults apply (as when config.json sets nothing). `--frame-ancestors`
//! names the portals that may embed the app ('none' when absent); `--connect-src` adds hosts
//! to fetch from (a token endpoint on another host, a proxy). `--format` prints the web
//! server's header configuration (with X-Content-Type-Options and Referrer-Policy) instead of
//! the policy alone.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use webex_o365_setup::domain::config::{parse, ConfigStatus, RuntimeConfig};
    use webex_o365_setup::domain::csp::{policy, server_headers, Extra, Server};
    use webex_o365_setup::domain::locale::{Catalog, Lang};

    let usage = "usage: scripts/csp [config.json] [--frame-ancestors \"SOURCE ...\"] [--connect-src \"SOURCE ...\"] \
                 [--format nginx|apache|iis]";
    let (mut file, mut extra, mut server) = (None, Extra::default(), None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--frame-ancestors" | "--connect-src" => {
                let Some(v) = args.next() else { return fail(usage) };
                let list = if arg == "--connect-src" { &mut extra.connect_src } else { &mut extra.frame_ancestors };
                list.extend(v.split_whitespace().map(String::from));
            }
            "--format" => match args.next().as_deref().and_then(Server::parse) {
                Some(s) => server = Some(s),
                None => return fail(usage),
            },
            "-h" | "--help" => {
                println!("{usage}");
                return ExitCode::SUCCESS;
            }
            _ if file.is_none() && !arg.starts_with("--") => file = Some(arg),
            _ => return fail(usage),
        }
    }
    let catalog = Catalog::load(Lang::En);
    let config = match file {
        None => RuntimeConfig::default(),
        Some(path) => {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => return fail(&format!("{path}: {e}")),
            };
            match parse(&text) {
                ConfigStatus::Loaded { config, notes } => {
                    for note in notes {
                        eprintln!("{path}: {}", catalog.render(&note));
                    }
                    config
                }
                // The app would ignore the file and run with the defaults: fix it first.
                ConfigStatus::Unusable { reason } => return fail(&format!("{path}: {}", catalog.render(&reason))),
            }
        }
    };
    let policy = policy(&config, &extra);
    match server {
        None => println!("{policy}"),
        Some(server) => print!("{}", server_headers(server, &policy)),
    }
    ExitCode::SUCCESS
}

#[cfg(not(target_arch = "wasm32"))]
fn fail(message: &str) -> std::process::ExitCode {
    eprintln!("{message}");
    std::process::ExitCode::from(2)
}

// The app's wasm build compiles every binary target; this one only runs natively.
#[cfg(target_arch = "wasm32")]
fn main() {}
