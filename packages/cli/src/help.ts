// The help text of the program and of each command. Keep README.md's tables in step with it.
import { MODEL_NUMBERS } from '@smartserver-licensing/schemas';
import type { CliIo } from './io.js';
import { DEFAULT_ISSUER, EXIT } from './options.js';

export const HELP: Readonly<Record<string, string>> = {
  main: `smartserver-license: issue and check SmartServer license tokens

Usage: smartserver-license <command> [options]

Commands:
  keygen    create an issuer key pair: a private JWK (mode 0600) and a JWKS of public keys
  mint      sign a capacity, maintenance, trial or Core license for one SmartServer
  inspect   show what a token, activation file, request or receipt claims, WITHOUT verifying it
  verify    verify a token or activation file against a JWKS file

Run 'smartserver-license <command> --help' for a command's options.
Exit codes: 0 ok, 1 refused, 2 usage or input error.`,
  keygen: `Usage: smartserver-license keygen --private <file> --jwks <file> [options]

Creates an issuer key pair. The private JWK is written with file mode 0600;
its public key is added to the JWKS file (created if missing), so keys rotate
by running keygen again with the same --jwks.

Options:
  --private <file>   where to write the private key (refuses to overwrite without --force)
  --jwks <file>      the public key set to create or extend
  --kid <name>       key id (default: the key's RFC 7638 thumbprint)
  --alg <alg>        EdDSA (Ed25519, default) or ES256
  --force            overwrite an existing private key file
  --json             print the result as JSON
  -h, --help         show this help`,
  mint: `Usage: smartserver-license mint --key <file> (--request <file> | --smartserver <id>) (--model <number> | --kind <kind>) [options]

Signs a license into an entitlement token for one SmartServer. With --request the
token is bound to the key of the SmartServer that made the request (cnf.jkt), and
--file writes the signed offline activation file that answers it.

Options:
  --key <file>            the issuer's private JWK (from keygen)
  --request <file>        a SmartServer's activation request file: the token is bound to its id and key
  --smartserver <id>      the SmartServer the license is for (token aud); taken from --request if given
  --model <number>        a catalog model: ${MODEL_NUMBERS.join(', ')}
  --kind <kind>           instead of --model: capacity|maintenance (with --capacity), trial, core
  --capacity <n>          with --kind capacity or maintenance: 10, 50, 200 or 1000
  --customer <uuid>       Customer ID (default: a random UUID)
  --license-id <uuid>     License ID (default: a random UUID)
  --activation-id <uuid>  the activation id (token jti; default: a random UUID)
  --supersedes <uuid>     the License ID this one replaced by a transfer (R25)
  --term-years <1|3>      maintenance term (default: the model's)
  --term-start <date>     the license's first activation day, YYYY-MM-DD (maintenance and trial;
                          default: the issue time): a maintenance term starts that day, a trial runs from it
  --trial-days <n>        days until a trial ends (default: the model's)
  --note <text>           free-text note carried in the license
  --issuer <name>         token iss (default: ${DEFAULT_ISSUER})
  --ttl-days <n>          token refresh horizon in days (default 365)
  --now <iso>             issue time (default: now)
  --file                  write a signed offline activation file (needs --request) instead of a bare token
  --out <file>            write to a file instead of stdout
  --json                  print the result as JSON
  -h, --help              show this help`,
  inspect: `Usage: smartserver-license inspect <token | file | -> [--json]

Decodes a token, an activation file (and every token in it), a SmartServer's
activation request or return receipt, and prints what it claims, with the
activation id (jti) and the key a token is bound to (cnf.jkt).
NOTHING IS VERIFIED: use 'verify' to trust a token or file.

Options:
  --json       print the result as JSON
  -h, --help   show this help`,
  verify: `Usage: smartserver-license verify <token | file | -> --jwks <file> (--smartserver <id> | --request <file>) [options]

Verifies a token, or a signed activation file and every token in it, and prints
the result code and each license's own end (trial end, maintenance term), saying
when it has passed. Exit code 0 when everything verified, 1 when anything was refused.

Options:
  --jwks <file>             trusted public keys (JWKS)
  --smartserver <id>        this SmartServer's id (must equal the token aud)
  --request <file>          the SmartServer's activation request: gives its id and key thumbprint
  --key-thumbprint <x>      instead of --request: the SmartServer's key thumbprint
                            (needed for an activation file; a token bound to another key is refused)
  --revoked <ids>           comma-separated activation ids returned or revoked on this SmartServer
  --issuer <name>           expected iss (default: ${DEFAULT_ISSUER})
  --now <iso>               verification time (default: now)
  --algorithms <list>       comma-separated allow-list (default: EdDSA,ES256)
  --json                    print the result as JSON
  -h, --help                show this help`,
};

export function help(io: CliIo, topic: string): number {
  io.stdout(`${HELP[topic]}\n`);
  return EXIT.OK;
}
