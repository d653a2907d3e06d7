"""`az` for tests only: `az rest` as Azure CLI runs it, sent to the Graph emulator.

What the exported scripts rely on is done as Azure CLI does it: --headers KEY=VALUE (or JSON),
Content-Type application/json when a body has none, an answer of 400 or more is an error on
stderr and exit status 1, an empty answer prints nothing, --query is JMESPath (the package
Azure CLI uses) and --output tsv writes a row per item of a top-level list, the values of a
nested list or object tab-separated.

Environment: AZ_SHIM_GRAPH, the emulator's origin, takes the place of the URL's scheme and host
(any Graph cloud); AZ_SHIM_TOKEN is sent as the bearer token; AZ_SHIM_LOG, when set, gets one
JSON line per request with the URL as the script wrote it.
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from collections import OrderedDict
from urllib.parse import urlsplit

import jmespath


def parse(argv):
    if not argv or argv[0] != 'rest':
        sys.exit(f"az (test shim): only 'az rest' is implemented, not: az {' '.join(argv)}")
    p = argparse.ArgumentParser(prog='az rest')
    p.add_argument('--method', '-m', default='get', type=str.lower)
    p.add_argument('--url', '--uri', '-u', required=True)
    p.add_argument('--headers', nargs='+', default=[])
    p.add_argument('--body', '-b')
    p.add_argument('--resource')
    p.add_argument('--query')
    p.add_argument('--output', '-o', default='json', type=str.lower, choices=['json', 'tsv', 'none'])
    return p.parse_args(argv[1:])


def headers_of(items):
    out = {}
    for item in items:
        try:
            out.update(json.loads(item))
        except ValueError:
            key, _, value = item.partition('=')
            out[key] = value
    return out


def tsv_value(v):
    if isinstance(v, list):
        return str(len(v))
    if isinstance(v, dict):
        return ''
    return v if isinstance(v, str) else str(v)


def tsv(result):
    rows = result if isinstance(result, list) else [result]
    lines = []
    for row in rows:
        if isinstance(row, dict):
            values = row.values() if isinstance(row, OrderedDict) else [v for _, v in sorted(row.items())]
            lines.append('\t'.join(tsv_value(v) for v in values))
        elif isinstance(row, list):
            lines.append('\t'.join(tsv_value(v) for v in row))
        elif isinstance(row, bool):
            lines.append(str(row).lower())
        else:
            lines.append(tsv_value(row))
    return ''.join(line + '\n' for line in lines)


def main(argv):
    args = parse(argv)
    original = urlsplit(args.url)
    if original.scheme != 'https':
        sys.exit(f'az (test shim): not an https URL: {args.url}')
    url = os.environ['AZ_SHIM_GRAPH'].rstrip('/') + original.path + (f'?{original.query}' if original.query else '')
    headers = {'Authorization': f"Bearer {os.environ['AZ_SHIM_TOKEN']}", **headers_of(args.headers)}
    if args.body is not None and not any(k.lower() == 'content-type' for k in headers):
        headers['Content-Type'] = 'application/json'
    data = args.body.encode('utf-8') if args.body is not None else None
    request = urllib.request.Request(url, data=data, method=args.method.upper(), headers=headers)
    try:
        with urllib.request.urlopen(request) as r:
            status, text = r.status, r.read().decode('utf-8')
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode('utf-8')
    log = os.environ.get('AZ_SHIM_LOG')
    if log:
        with open(log, 'a', encoding='utf-8') as f:
            f.write(json.dumps({'method': args.method.upper(), 'url': args.url, 'status': status}) + '\n')
    if status >= 400:
        print(f'ERROR: HTTP {status}({text})', file=sys.stderr)
        return 1
    result = None
    if text:
        try:
            result = json.loads(text)
        except ValueError:
            print(text)
    if result is not None and args.query:
        result = jmespath.search(args.query, result, jmespath.Options(dict_cls=OrderedDict))
    if result is None or args.output == 'none':
        return 0
    if args.output == 'tsv':
        sys.stdout.write(tsv(result))
    else:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
