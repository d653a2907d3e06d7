//! The current time, read from the browser so the domain stays pure and testable, and times
//! shown the way the admin's locale writes them.

use wasm_bindgen::JsValue;

pub fn now_unix_millis() -> i64 {
    js_sys::Date::now() as i64
}

/// Today's date in the admin's own time zone, as (year, month, day): secret expiry is a
/// calendar question, answered where the admin is.
pub fn local_today() -> (i32, u32, u32) {
    let d = js_sys::Date::new_0();
    (d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

/// An RFC 3339 time in the admin's time zone, written as `lang` (a BCP 47 tag such as
/// `en` or `ja`) writes dates (`Intl` via `toLocaleString`); the text itself when the
/// browser cannot read it as a time.
pub fn local_time(rfc3339: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_string();
    }
    date.to_locale_string(lang, &JsValue::UNDEFINED).into()
}
