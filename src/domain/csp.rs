//! The Content-Security-Policy a deployment serves the app with (`scripts/csp` prints it for
//! a `config.json`). The build has no inline script or style, so the policy needs no
//! 'unsafe-inline' and no 'unsafe-eval'; `connect-src` names exactly what the app fetches:
//! its own files, the sign-in authority, Microsoft Graph and the Webex API hosts.

use super::config::RuntimeConfig;
use super::webex_api::region::{base_urls, Api};

/// What a deployment adds to what `config.json` implies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extra {
    /// Portals that may show the app in a frame (`frame-ancestors`; 'none' when empty).
    pub frame_ancestors: Vec<String>,
    /// More hosts to fetch from: a token endpoint that discovery names on another host, a
    /// proxy, a local test server.
    pub connect_src: Vec<String>,
}

/// What the page loads and where it may be embedded; everything else falls back to
/// `default-src 'none'`. wasm-bindgen needs only 'wasm-unsafe-eval' to compile the module.
pub fn policy(config: &RuntimeConfig, extra: &Extra) -> String {
    let ancestors =
        if extra.frame_ancestors.is_empty() { "'none'".to_string() } else { extra.frame_ancestors.join(" ") };
    let mut connect = connect_sources(config);
    for source in &extra.connect_src {
        if !connect.contains(source) {
            connect.push(source.clone());
        }
    }
    let directives = [
        ("default-src", "'none'".to_string()),
        ("script-src", "'self' 'wasm-unsafe-eval'".to_string()),
        ("style-src", "'self'".to_string()),
        // The favicon is a data: URL (no request at all).
        ("img-src", "'self' data:".to_string()),
        ("connect-src", connect.join(" ")),
        ("base-uri", "'self'".to_string()),
        ("form-action", "'none'".to_string()),
        ("object-src", "'none'".to_string()),
        ("frame-ancestors", ancestors),
    ];
    directives.iter().map(|(name, value)| format!("{name} {value}")).collect::<Vec<_>>().join("; ")
}

/// `'self'` (the app's files and `config.json`), the authority (discovery and token
/// redemption), Graph, then every Webex API host the app may call: the override from
/// `config.json` where there is one, else every host of the region map and the pickers.
pub fn connect_sources(config: &RuntimeConfig) -> Vec<String> {
    let mut webex: Vec<String> = Api::ALL
        .iter()
        .flat_map(|api| match config.webex.get(api.key()).filter(|u| !u.trim().is_empty()) {
            Some(url) => vec![url.clone()],
            None => base_urls(*api),
        })
        .filter_map(|url| origin(&url))
        .collect();
    super::sort::sort(&mut webex);
    let mut out = vec!["'self'".to_string()];
    for source in [origin(&config.authority), origin(&config.graph_base_url)].into_iter().flatten().chain(webex) {
        if !out.contains(&source) {
            out.push(source);
        }
    }
    out
}

/// `scheme://host[:port]` of a URL (CSP host sources without a path match any path on the
/// host; a path would also stop matching after a redirect). `None` for anything that is not
/// an http(s) URL with a host.
pub fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // userinfo@ never belongs in a source expression.
    let host = authority.rsplit('@').next().unwrap_or_default().to_ascii_lowercase();
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// Web servers whose configuration `scripts/csp --format` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    Nginx,
    Apache,
    Iis,
}

impl Server {
    pub fn parse(name: &str) -> Option<Server> {
        match name {
            "nginx" => Some(Server::Nginx),
            "apache" => Some(Server::Apache),
            "iis" => Some(Server::Iis),
            _ => None,
        }
    }
}

/// The response headers every file of the app is served with, besides the policy.
pub const OTHER_HEADERS: [(&str, &str); 2] =
    [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "strict-origin-when-cross-origin")];

/// Ready-to-paste header lines for `server`: nginx `add_header` (inside the `location` that
/// serves the app), Apache `Header` (mod_headers; `.htaccess` or `<Directory>`), IIS
/// `<add>` elements of `web.config`'s `<customHeaders>` (README shows the whole file).
pub fn server_headers(server: Server, policy: &str) -> String {
    let headers = std::iter::once(("Content-Security-Policy", policy)).chain(OTHER_HEADERS);
    let line = |(n, v): (&str, &str)| match server {
        Server::Nginx => format!("add_header {n} \"{v}\" always;\n"),
        Server::Apache => format!("Header always set {n} \"{v}\"\n"),
        Server::Iis => format!("        <add name=\"{n}\" value=\"{}\" />\n", xml_attr(v)),
    };
    headers.map(line).collect()
}

fn xml_attr(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

#[cfg(test)]
#[path = "csp_tests.rs"]
mod tests;
