//! Which API hosts serve a tenant, read from its Call Back URL host. Only part of this is
//! documented (DOMAIN.md section 2): everything else is marked `Unverified` so the UI says so
//! and lets the admin pick another host; a host of unknown shape leaves the choice to the admin.
//! Overrides from `config.json` (`webex.messaging`, `.asset_onboarding`, `.contact_center`;
//! intranet proxies) win over everything.

use std::collections::BTreeMap;

use crate::domain::webex::{CallbackUrl, WebexHost};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    Messaging,
    AssetOnboarding,
    ContactCenter,
}

impl Api {
    pub const ALL: [Api; 3] = [Api::Messaging, Api::AssetOnboarding, Api::ContactCenter];

    /// The key under `webex` in `config.json`, also used in locale keys.
    pub fn key(self) -> &'static str {
        match self {
            Api::Messaging => "messaging",
            Api::AssetOnboarding => "asset_onboarding",
            Api::ContactCenter => "contact_center",
        }
    }
}

/// How the app knows a base URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Certainty {
    /// Cisco documents this host for this region.
    Documented,
    /// Follows the documented pattern or an inference, but no Cisco page says so.
    Unverified,
    /// Set in `config.json`.
    Override,
}

impl Certainty {
    pub fn key(self) -> &'static str {
        match self {
            Certainty::Documented => "webex_api.region.documented",
            Certainty::Unverified => "webex_api.region.unverified",
            Certainty::Override => "webex_api.region.override",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseUrl {
    Known {
        url: String,
        certainty: Certainty,
    },
    /// Nothing in the host tells: the admin picks from `choices(api)`.
    Choose,
}

impl BaseUrl {
    pub fn url(&self) -> Option<&str> {
        match self {
            BaseUrl::Known { url, .. } => Some(url),
            BaseUrl::Choose => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionMap {
    /// The region label read from the host; `None` where the host names none.
    pub region: Option<String>,
    pub messaging: BaseUrl,
    pub asset_onboarding: BaseUrl,
    pub contact_center: BaseUrl,
}

impl RegionMap {
    pub fn get(&self, api: Api) -> &BaseUrl {
        match api {
            Api::Messaging => &self.messaging,
            Api::AssetOnboarding => &self.asset_onboarding,
            Api::ContactCenter => &self.contact_center,
        }
    }
}

/// Regions whose `api.<region>.webexconnect.io` host Cisco documents.
const MESSAGING_DOCUMENTED: [&str; 6] = ["us", "eu", "uk", "ca", "in", "au"];
/// Regions with a documented `assetmanagement.<region>` host.
const ONBOARDING_DOCUMENTED: [&str; 7] = ["us", "eu", "uk", "ca", "au", "sg", "in"];
/// Labels outside Cisco's list that the app still maps (with `Unverified`).
const OTHER_KNOWN: [&str; 2] = ["us1", "jp"];
/// Contact-center data centres (`api.wxcc-<dc>.cisco.com`).
pub const CC_DATA_CENTRES: [&str; 7] = ["us1", "eu1", "eu2", "anz1", "ca1", "jp1", "sg1"];

/// The map for a Call Back URL (`None` when it does not parse: everything is chosen).
pub fn region_map(callback: Option<&CallbackUrl>, overrides: &BTreeMap<String, String>) -> RegionMap {
    let (region, legacy) = match callback.map(CallbackUrl::webex_host) {
        Some(host @ WebexHost::Regional { .. }) => (Some(host.region().to_string()), false),
        // `imiconnect.eu` and the like name a region; `.io` and `.com` do not.
        Some(host @ WebexHost::Legacy { .. }) if !host.region().is_empty() => (Some(host.region().to_string()), true),
        _ => (None, false),
    };
    let pick = |api: Api| {
        if let Some(url) = overrides.get(api.key()).filter(|u| !u.trim().is_empty()) {
            return BaseUrl::Known { url: url.trim_end_matches('/').to_string(), certainty: Certainty::Override };
        }
        let Some(region) = region.as_deref() else { return BaseUrl::Choose };
        match for_region(api, region) {
            // A legacy host's region is itself an inference from its top-level domain.
            Some((url, _)) if legacy => BaseUrl::Known { url, certainty: Certainty::Unverified },
            Some((url, certainty)) => BaseUrl::Known { url, certainty },
            None => BaseUrl::Choose,
        }
    };
    RegionMap {
        messaging: pick(Api::Messaging),
        asset_onboarding: pick(Api::AssetOnboarding),
        contact_center: pick(Api::ContactCenter),
        region,
    }
}

/// One API's host for a region label, or `None` where the app has no mapping.
fn for_region(api: Api, region: &str) -> Option<(String, Certainty)> {
    let known = MESSAGING_DOCUMENTED.contains(&region)
        || ONBOARDING_DOCUMENTED.contains(&region)
        || OTHER_KNOWN.contains(&region);
    if !known {
        return None;
    }
    let documented = |list: &[&str]| if list.contains(&region) { Certainty::Documented } else { Certainty::Unverified };
    match api {
        Api::Messaging => Some((messaging_url(region), documented(&MESSAGING_DOCUMENTED))),
        Api::AssetOnboarding => {
            // Japan's tenants use the Australian onboarding host (documented); the `jp` label itself is not.
            let host_region = if region == "jp" { "au" } else { region };
            Some((onboarding_url(host_region), documented(&ONBOARDING_DOCUMENTED)))
        }
        // Which contact-center data centre pairs with a Connect region is an inference
        // throughout (Japan's contact centre is jp1 although its Connect tenant may be `au`).
        Api::ContactCenter => cc_data_centre(region).map(|dc| (cc_url(dc), Certainty::Unverified)),
    }
}

fn cc_data_centre(region: &str) -> Option<&'static str> {
    Some(match region {
        "us" | "us1" => "us1",
        "uk" => "eu1",
        "eu" => "eu2",
        "au" => "anz1",
        "ca" => "ca1",
        "jp" => "jp1",
        "sg" => "sg1",
        _ => return None,
    })
}

pub fn messaging_url(region: &str) -> String {
    format!("https://api.{region}.webexconnect.io")
}

pub fn onboarding_url(region: &str) -> String {
    format!("https://assetmanagement.{region}.webexconnect.io/connectapi")
}

pub fn cc_url(data_centre: &str) -> String {
    format!("https://api.wxcc-{data_centre}.cisco.com")
}

/// Every base URL the app may call for `api` when `config.json` does not override it: the
/// ones `region_map` derives from a Call Back URL and the ones the admin may pick. The
/// Content-Security-Policy's `connect-src` is built from this list (`domain::csp`).
pub fn base_urls(api: Api) -> Vec<String> {
    let labels = MESSAGING_DOCUMENTED.iter().chain(&ONBOARDING_DOCUMENTED).chain(&OTHER_KNOWN);
    let mut urls: Vec<String> = labels.filter_map(|r| for_region(api, r)).map(|(url, _)| url).collect();
    urls.extend(choices(api).into_iter().map(|(_, url)| url));
    crate::domain::sort::sort(&mut urls);
    urls.dedup();
    urls
}

/// Every host the admin may pick for an API: (label, base URL).
pub fn choices(api: Api) -> Vec<(String, String)> {
    match api {
        Api::Messaging => crate::domain::webex::REGIONS.iter().map(|r| (r.to_string(), messaging_url(r))).collect(),
        Api::AssetOnboarding => ONBOARDING_DOCUMENTED.iter().map(|r| (r.to_string(), onboarding_url(r))).collect(),
        Api::ContactCenter => CC_DATA_CENTRES.iter().map(|d| (d.to_string(), cc_url(d))).collect(),
    }
}
