//! Test data: what admins paste, written from the shapes public sources show (Microsoft's
//! error reference and token-endpoint error body, Exchange Online's replies and bounces,
//! and how MailKit, Python's smtplib, JavaMail and nodemailer print them). The messages are
//! our own wording of each code's documented meaning; the shapes around them are real.

use super::extract::{explain, Explained};
use crate::domain::url::percent_encode;

/// What `explain` found, as ids: `aadsts_50011`, `?smtp:550 5.7.999` for an unknown code,
/// `!truncated` and `!too_many` for the notices.
pub fn ids(text: &str) -> Vec<String> {
    explain(text)
        .iter()
        .map(|e| match e {
            Explained::Known { entry, .. } => entry.id.to_string(),
            Explained::Unknown { kind, code, .. } => format!("?{}:{code}", kind.as_str()),
            Explained::Truncated { .. } => "!truncated".into(),
            Explained::TooMany { .. } => "!too_many".into(),
        })
        .collect()
}

/// The message after `AADSTS<n>: ` for every AADSTS entry.
pub const AADSTS_MESSAGES: &[(u32, &str)] = &[
    (50011, "The redirect URI 'https://acme.us.webexconnect.io/callback' specified in the request does not match the redirect URIs configured for the application '1b2c3d4e-0000-4000-8000-000000000001'."),
    (900971, "No reply address provided."),
    (700054, "response_type 'id_token' is not enabled for the application."),
    (90002, "Tenant 'contoso.onmicrosoft.con' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
    (50194, "Application '1b2c3d4e-0000-4000-8000-000000000001'(Webex Connect Email) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant."),
    (500011, "The resource principal named https://outlook.office.com was not found in the tenant named Contoso. This can happen if the application has not been installed by the administrator of the tenant."),
    (650052, "The app needs access to a service (\"https://outlook.office.com\") that your organization \"Contoso\" has not subscribed to or enabled."),
    (650056, "Misconfigured application. This could be due to one of the following: the client has not listed any permissions for 'Office 365 Exchange Online' in the requested permissions in the client's application registration. Or, the admin has not consented in the tenant."),
    (650057, "Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. Client app ID: 1b2c3d4e-0000-4000-8000-000000000001(Webex Connect Email). Resource value from request: https://outlook.office.com. Resource app ID: 00000002-0000-0ff1-ce00-000000000000."),
    (70011, "The provided value for the input parameter 'scope' is not valid. The scope 'offline_access https://outlook.office.com/SMTP.Sendd' does not exist."),
    (28000, "Provided value for the input parameter scope is not valid because it contains more than one resource. Scope openid https://graph.microsoft.com/User.Read https://outlook.office.com/SMTP.Send is not valid."),
    (65001, "The user or administrator has not consented to use the application with ID '1b2c3d4e-0000-4000-8000-000000000001' named 'Webex Connect Email'. Send an interactive authorization request for this user and resource."),
    (65004, "User declined to consent to access the app."),
    (90094, "The grant requires admin permission."),
    (90095, "Admin consent is required for the permissions requested by this application. An admin consent request may be submitted to the admin."),
    (50105, "Your administrator has configured the application Webex Connect Email ('1b2c3d4e-0000-4000-8000-000000000001') to block users unless they are specifically granted ('assigned') access to the application."),
    (50020, "User account 'someone@outlook.com' from identity provider 'live.com' does not exist in tenant 'Contoso' and cannot access the application '1b2c3d4e-0000-4000-8000-000000000001'(Webex Connect Email) in that tenant."),
    (16000, "User account '{EmailHidden}' from identity provider 'live.com' does not exist in tenant 'Contoso' and cannot access the application '1b2c3d4e-0000-4000-8000-000000000001'(Webex Connect Email) in that tenant. This account needs to be added as an external user in the tenant first."),
    (50034, "The user account {EmailHidden} does not exist in the contoso.onmicrosoft.com directory. To sign into this application, the account must be added to the directory."),
    (500208, "The domain is not a valid login domain for the account type."),
    (90072, "User account 'agent@partner.example' from identity provider 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/' does not exist in tenant 'Contoso' and cannot access the application in that tenant. The account needs to be added as an external user in the tenant first."),
    (50126, "Error validating credentials due to invalid username or password."),
    (50053, "Your account is locked because you've tried to sign in too many times with an incorrect user ID or password."),
    (50055, "The password is expired."),
    (50057, "The user account is disabled."),
    (50076, "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'."),
    (50079, "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'."),
    (50072, "User needs to enroll for second factor authentication (interactive)."),
    (50074, "Strong Authentication is required."),
    (53003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."),
    (53000, "Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant."),
    (53002, "Application used is not an approved application. User needs to use one of the apps from the list of approved applications to get access."),
    (530003, "Your device is required to be managed to access this resource."),
    (530032, "Blocked by security policy. The tenant admin has configured a security policy that blocks this request."),
    (530035, "Access has been blocked by security defaults. This is due to the request using legacy auth or being deemed unsafe by security defaults policies."),
    (500021, "Access to 'contoso.onmicrosoft.com' tenant is denied."),
    (7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '1b2c3d4e-0000-4000-8000-000000000001'."),
    (7000222, "The provided client secret keys for app '1b2c3d4e-0000-4000-8000-000000000001' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret."),
    (70002, "Error validating credentials. The specified client_secret does not match the expected value for this client."),
    (7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
    (700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),
    (9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests."),
    (54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."),
    (70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."),
    (700082, "The refresh token has expired due to inactivity. The token was issued on 2026-01-02T03:04:05Z and was inactive for 90.00:00:00."),
    (50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '2026-09-01T08:00:00Z' and the TokensValidFrom date for this user is '2026-11-20T09:15:00Z'."),
    (50132, "The session is not valid due to password expiration or recent password change."),
    (50133, "Session is invalid due to expiration or recent password change."),
    (70043, "The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. The token was issued on 2026-11-27T08:00:00Z and the maximum allowed lifetime for this request is 43200."),
    (70000, "Provided grant is invalid or malformed."),
    (700005, "Provided Authorization Code is intended to use against other tenant, thus rejected."),
    (700016, "Application with identifier '1b2c3d4e-0000-4000-8000-000000000001' was not found in the directory 'Contoso'. You may have sent your authentication request to the wrong tenant."),
    (70001, "Application '1b2c3d4e-0000-4000-8000-000000000001' is disabled."),
    (7000112, "Application '1b2c3d4e-0000-4000-8000-000000000001'(Webex Connect Email) is disabled."),
    (900144, "The request body must contain the following parameter: 'grant_type'."),
    (90014, "The required field 'code' is missing from the credential. Ensure that you have all the necessary parameters for the login request."),
    (9002313, "Invalid request. Request is malformed or invalid."),
    (90056, "Bad resource request: to redeem an authorization code, send a POST request to the /token endpoint."),
    (900561, "The endpoint only accepts POST, OPTIONS requests. Received a GET request."),
    (90009, "Application '1b2c3d4e-0000-4000-8000-000000000001'(Webex Connect Email) is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier."),
    (28002, "Provided value for the input parameter scope 'offline_access' is not valid when requesting an access token. Please specify a valid scope."),
    (28003, "Provided value for the input parameter scope cannot be empty when requesting an access token using the provided authorization code. Please specify a valid scope."),
    (700022, "The provided value for the input parameter scope is not valid because it contains more than one resource. The scope https://graph.microsoft.com/User.Read https://outlook.office.com/SMTP.Send is not valid."),
    (700084, "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page."),
    (501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request."),
    (9002326, "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: 'https://setup.example.com'."),
];

/// The reply line of smtp.office365.com (or a bounce's diagnostic line) for every SMTP entry.
pub const SMTP_REPLIES: &[(&str, &str)] = &[
    ("smtp_5_7_139_auth_disabled", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [MW4PR03CA0123.namprd03.prod.outlook.com 2026-11-26T10:00:00.000Z 08DC5B1F2E3A4C5D]"),
    ("smtp_5_7_139_basic_disabled", "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [PN0PR01CA0024.INDPRD01.PROD.OUTLOOK.COM 2026-11-26T18:54:30.055Z 08DD3DD7D75D7743]"),
    ("smtp_5_7_139_security_defaults", "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator. [BN9PR03CA0001.namprd03.prod.outlook.com]"),
    ("smtp_5_7_139_criteria", "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator. [BN9PR03CA0716.namprd03.prod.outlook.com 2026-07-01T01:57:31.695Z 08DED6A3FAA75B29]"),
    ("smtp_5_7_139_credentials", "535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. [CH2PR15CA0029.namprd15.prod.outlook.com]"),
    // Exchange Online localises the text; a reply it cannot tell apart is the fallback.
    ("smtp_5_7_139_other", "535 5.7.139 Autenticação malsucedida, a solicitação não atendeu aos critérios para ser autenticada com sucesso. Entre em contato com seu administrador. [MN2PR07CA0004.namprd07.prod.outlook.com]"),
    ("smtp_5_7_30", "550 5.7.30 Basic authentication is not supported for Client Submission."),
    ("smtp_5_7_3", "535 5.7.3 Authentication unsuccessful [SN4PR0501CA0054.namprd05.prod.outlook.com]"),
    ("smtp_5_7_57", "530 5.7.57 Client not authenticated to send mail. [BYAPR07CA0075.namprd07.prod.outlook.com]"),
    ("smtp_5_7_4", "504 5.7.4 Unrecognized authentication type [SN1NAM02FT025.eop-nam02.prod.protection.outlook.com]"),
    ("smtp_4_7_0", "451 4.7.0 Temporary server error. Please try again later. PRX4 [AM5PR0701CA0008.eurprd07.prod.outlook.com]"),
    ("smtp_4_7_66", "421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls. [SA9P221CA0019.NAMP221.PROD.OUTLOOK.COM]"),
    ("smtp_5_7_60", "550 5.7.60 SMTP; Client does not have permissions to send as this sender [BY2PR1001MB1094.namprd10.prod.outlook.com]"),
    ("smtp_send_as_denied", "554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message."),
    ("smtp_5_2_0_quota", "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message Cannot submit message."),
    ("smtp_5_2_0_other", "554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception with message WASCL UserAction verdict is not None."),
    ("smtp_4_3_2_concurrent", "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=DM5SPR00MB2471.namprd08.prod.outlook.com]"),
    ("smtp_4_3_1", "452 4.3.1 Insufficient system resources"),
    ("smtp_5_1_8", "550 5.1.8 Access denied, bad outbound sender."),
    ("smtp_5_7_705", "550 5.7.705 Access denied, tenant has exceeded threshold."),
    ("smtp_5_7_708", "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(7230)"),
    ("smtp_5_7_750", "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains."),
    ("smtp_5_7_520", "550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance. AS(7555)"),
    ("smtp_5_4_14", "554 5.4.14 Hop count exceeded - possible mail loop ATTR34 [BN8NAM12FT066.eop-nam12.prod.protection.outlook.com]"),
    ("smtp_5_4_1_recipient", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [CY1GCC01FT007.eop-gcc01.prod.protection.outlook.com]"),
    ("smtp_5_4_1_relay", "550 5.4.1 Relay Access Denied"),
    ("smtp_5_1_10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient jane@customer.example not found by SMTP address lookup"),
    ("smtp_5_7_124", "550 5.7.124 Sender not in allowed-senders list."),
    ("smtp_5_7_509", "550 5.7.509 Access denied, sending domain customer.example does not pass DMARC verification and has a DMARC policy of reject."),
    ("smtp_4_7_500", "451 4.7.500 Server busy. Please try again later from [192.0.2.2]. (AS761)"),
];

/// Microsoft Graph and Webex Connect answers, as this app's calls receive them.
pub const OTHER_SAMPLES: &[(&str, &str)] = &[
    ("graph_authorization_request_denied", r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2026-12-01T10:00:00","request-id":"0a1b2c3d-0000-4000-8000-000000000000","client-request-id":"0a1b2c3d-0000-4000-8000-000000000001"}}}"#),
    ("graph_request_resource_not_found", r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'jane@contoso.com' does not exist or one of its queried reference-property objects are not present.","innerError":{"date":"2026-12-01T10:00:00","request-id":"0a1b2c3d"}}}"#),
    ("graph_request_bad_request", "{\n  \"error\": {\n    \"code\": \"Request_BadRequest\",\n    \"message\": \"Invalid value specified for property 'displayName' of resource 'Application'.\"\n  }\n}"),
    ("graph_error_access_denied", r#"{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}"#),
    ("graph_invalid_authentication_token", "HTTP/1.1 401 Unauthorized\n{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\",\"innerError\":{\"date\":\"2026-12-01T10:00:00\"}}}"),
    ("graph_credential_lifetime", r#"{"error":{"code":"Request_BadRequest","message":"Credential lifetime exceeds the max value allowed as per assigned policy."}}"#),
    ("webex_7000", "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n\r\n{\"code\":\"7000\",\"message\":\"Invalid JSON\"}"),
    ("webex_http_401", "HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n"),
];

const TRACE: &str = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
const CORRELATION: &str = "9a8b7c6d-5e4f-4a2b-9c0d-ef9876543210";

/// The ways an AADSTS error reaches the admin: the token endpoint's JSON body (escaped line
/// breaks, `error_codes`, `error_uri`), the sign-in page, the redirect back to the Call Back
/// URL, a helpdesk web page, a Japanese console line, and a log that wrapped the number.
pub fn aadsts_shapes(n: u32, message: &str) -> Vec<(&'static str, String)> {
    let described = format!("AADSTS{n}: {message}");
    let json_text = described.replace('"', "\\\"");
    let mut shapes = vec![
        ("json", format!(
            r#"{{"error":"invalid_request","error_description":"{json_text}\r\nTrace ID: {TRACE}\r\nCorrelation ID: {CORRELATION}\r\nTimestamp: 2026-12-01 10:00:00Z","error_codes":[{n}],"timestamp":"2026-12-01 10:00:00Z","trace_id":"{TRACE}","correlation_id":"{CORRELATION}","error_uri":"https://login.microsoftonline.com/error?code={n}"}}"#
        )),
        ("page", format!(
            "Sign in\nSorry, but we're having trouble signing you in.\n\n{described}\n\nTroubleshooting details\nRequest Id: {TRACE}\nCorrelation Id: {CORRELATION}\nTimestamp: 2026-12-01T10:00:00.000Z\nMessage: {described}"
        )),
        ("redirect", format!(
            "https://acme.us.webexconnect.io/callback?error=invalid_request&error_description={}&state=8c6b1f",
            percent_encode(&format!("{described}\r\nTrace ID: {TRACE}")).replace("%20", "+")
        )),
        ("html", format!("<p>Message: <b>AADSTS{n}</b>: {}</p>", html_escape(message))),
        ("japanese", format!("サインインエラーAADSTS{n}：{message}が発生しました")),
    ];
    // A log that wrapped the number: only where the first part is not a code of its own.
    let digits = n.to_string();
    let (head, tail) = digits.split_at(digits.len() - 2);
    let head_known = head.parse::<u32>().ok().and_then(super::catalogue::by_aadsts).is_some();
    if !head_known {
        shapes.push(("wrapped", format!("error: AADSTS{head}\n    {tail}: {message}")));
    }
    shapes
}

/// The ways an SMTP reply reaches the admin: the server's line, a JavaMail, nodemailer,
/// Python smtplib or MailKit exception, a bounce, a library that joined the codes with
/// dots, a web page, and Japanese text around it.
pub fn smtp_shapes(reply: &str) -> Vec<(&'static str, String)> {
    let mut parts = reply.splitn(3, ' ');
    let (basic, enhanced, rest) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    vec![
        ("server", reply.to_string()),
        ("javamail", format!("javax.mail.AuthenticationFailedException: {reply}\n\tat com.sun.mail.smtp.SMTPTransport$Authenticator.authenticate(SMTPTransport.java:965)")),
        ("nodemailer", format!("Error: Invalid login: {reply}\n    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:790:19)")),
        ("smtplib", format!("smtplib.SMTPAuthenticationError: ({basic}, {})", python_bytes(&format!("{enhanced} {rest}")))),
        ("mailkit", format!("MailKit.Security.AuthenticationException: {basic}: {enhanced} {rest}")),
        ("mailkit_bare", format!("MailKit.Net.Smtp.SmtpCommandException: {enhanced} {rest}\n   at MailKit.Net.Smtp.SmtpClient.SendAsync(FormatOptions options, MimeMessage message)")),
        ("ndr", format!("Delivery has failed to these recipients or groups:\n\njane@customer.example\n\nDiagnostic information for administrators:\n\nGenerating server: BN9PR03MB1234.namprd03.prod.outlook.com\n\njane@customer.example\nRemote Server returned '{reply}'\n\nOriginal message headers:")),
        ("dotted", format!("SMTP error: {basic}.{enhanced} {rest}")),
        ("html", format!("<td class=\"reply\">{basic}&nbsp;{enhanced} {}</td>", html_escape(rest))),
        ("japanese", format!("送信に失敗しました。サーバーの応答：{reply}（再試行しません）")),
    ]
}

/// The entry's sample as the server or the API wrote it (the first of its shapes).
pub fn sample(entry: &super::catalogue::Entry) -> Option<String> {
    use super::catalogue::Pattern;
    match entry.pattern {
        Pattern::Aadsts(n) => AADSTS_MESSAGES.iter().find(|(m, _)| *m == n).map(|(_, msg)| format!("AADSTS{n}: {msg}")),
        Pattern::Smtp { .. } => SMTP_REPLIES.iter().find(|(id, _)| *id == entry.id).map(|(_, r)| r.to_string()),
        _ => OTHER_SAMPLES.iter().find(|(id, _)| *id == entry.id).map(|(_, s)| s.to_string()),
    }
}

/// Python's repr of a bytes value: `b'...'`, or `b"..."` when it holds a `'`; bytes outside
/// printable ASCII as `\xNN`.
fn python_bytes(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = format!("b{quote}");
    for b in s.bytes() {
        match b {
            b'\\' => out.push_str("\\\\"),
            c if c == quote as u8 => out.push_str(&format!("\\{quote}")),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
