//! The current time, read from the browser so the domain stays pure and testable.

pub fn now_unix_millis() -> i64 {
    js_sys::Date::now() as i64
}

/// Today's date in the admin's own time zone, as (year, month, day): secret expiry is a
/// calendar question, answered where the admin is.
pub fn local_today() -> (i32, u32, u32) {
    let d = js_sys::Date::new_0();
    (d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}
