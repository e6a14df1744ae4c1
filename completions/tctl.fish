# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tctl_global_optspecs
    string join \n c/config= i/identity= auth-server= insecure h/help V/version
end

function __fish_tctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tctl_using_subcommand
    set -l cmd (__fish_tctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tctl -n "__fish_tctl_needs_command" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_needs_command" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_needs_command" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_needs_command" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_needs_command" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_needs_command" -s V -l version -d 'Print version'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "auth" -d 'Manage cluster certificate authorities'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "create" -d 'Create or update resources from a YAML file'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "edit" -d 'Edit a resource in $EDITOR'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "get" -d 'Print a resource'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "nodes" -d 'Issue invites for other nodes to join the cluster'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "rm" -d 'Delete a resource'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "status" -d 'Report cluster status'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "tokens" -d 'List or revoke invitation tokens'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "users" -d 'Manage user accounts'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "version" -d 'Print the version of your tctl binary'
complete -c tctl -n "__fish_tctl_needs_command" -f -a "__generate" -d 'Write completions or man pages into a directory (used by `cargo xtask gen`)'
complete -c tctl -n "__fish_tctl_using_subcommand auth; and not __fish_seen_subcommand_from export sign" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand auth; and not __fish_seen_subcommand_from export sign" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand auth; and not __fish_seen_subcommand_from export sign" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand auth; and not __fish_seen_subcommand_from export sign" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand auth; and not __fish_seen_subcommand_from export sign" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand auth; and not __fish_seen_subcommand_from export sign" -f -a "export" -d 'Export public cluster CA certificates to stdout'
complete -c tctl -n "__fish_tctl_using_subcommand auth; and not __fish_seen_subcommand_from export sign" -f -a "sign" -d 'Create an identity file(s) for a given user or host'
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from export" -l type -d 'Certificate type: user, host, tls-host, tls-user, openssh, db or db-client; both SSH CAs when omitted' -r -f -a "user\t'The SSH user CA, as an authorized_keys `cert-authority` line'
host\t'The SSH host CA, as a known_hosts `@cert-authority` line'
tls-host\t'The TLS CA that signs server certificates (PEM)'
tls-user\t'The TLS CA that signs user certificates (PEM)'
openssh\t'Alias of `user` (OpenSSH\'s TrustedUserCAKeys form after the prefix is removed)'
db\t'The database CA that signs database server certificates (PEM): clients verify databases with it'
db-client\t'The database client CA (PEM): databases trust the proxy\'s client certificates with it'"
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from export" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from export" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from export" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from export" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -l user -d 'Teleport user name' -r
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -l host -d 'Teleport host name(s) and address(es), comma-separated' -r
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -l format -d 'Identity output: file (default), openssh, tls or db (a database server certificate for --host)' -r -f -a "file\t''
openssh\t''
tls\t''
db\t''"
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -s o -l out -d 'Identity output path' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -l ttl -d 'TTL (time to live) for the generated certificate [12h for users and databases; hosts: no expiry]' -r
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -l overwrite -d 'Whether to overwrite existing destination files'
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand auth; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand completion" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand completion" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand completion" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand completion" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand completion" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand create" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand create" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand create" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand create" -s f -l force -d 'Overwrite the resource if it exists already'
complete -c tctl -n "__fish_tctl_using_subcommand create" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand create" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand edit" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand edit" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand edit" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand edit" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand edit" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand get" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tctl -n "__fish_tctl_using_subcommand get" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand get" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand get" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand get" -l with-secrets -d 'Show token values instead of redacting them'
complete -c tctl -n "__fish_tctl_using_subcommand get" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and not __fish_seen_subcommand_from add ls" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and not __fish_seen_subcommand_from add ls" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and not __fish_seen_subcommand_from add ls" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and not __fish_seen_subcommand_from add ls" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and not __fish_seen_subcommand_from add ls" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and not __fish_seen_subcommand_from add ls" -f -a "add" -d 'Generate a node invitation token'
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and not __fish_seen_subcommand_from add ls" -f -a "ls" -d 'List all active SSH nodes within the cluster'
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from add" -l roles -d 'Comma-separated list of roles for the new node to assume' -r
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from add" -l ttl -d 'Time to live for a generated token' -r
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from add" -l token -d 'Override the default random generated token with a specified value' -r
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from add" -l format -d 'Output format: json prints ["<token>"]' -r -f -a "text\t''
json\t''"
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from add" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from add" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from add" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from add" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from ls" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from ls" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from ls" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from ls" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from ls" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand nodes; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tctl -n "__fish_tctl_using_subcommand rm" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand rm" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand rm" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand rm" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand rm" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand status" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tctl -n "__fish_tctl_using_subcommand status" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand status" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand status" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand status" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and not __fish_seen_subcommand_from add ls rm del" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and not __fish_seen_subcommand_from add ls rm del" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and not __fish_seen_subcommand_from add ls rm del" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and not __fish_seen_subcommand_from add ls rm del" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and not __fish_seen_subcommand_from add ls rm del" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and not __fish_seen_subcommand_from add ls rm del" -f -a "add" -d 'Create an invitation token'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and not __fish_seen_subcommand_from add ls rm del" -f -a "ls" -d 'List node and user invitation tokens'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and not __fish_seen_subcommand_from add ls rm del" -f -a "rm" -d 'Delete/revoke an invitation token'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and not __fish_seen_subcommand_from add ls rm del" -f -a "del" -d 'Delete/revoke an invitation token'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -l type -d 'Type(s) of token to add, e.g. --type=node,app,db,proxy,auth,kube,bot,discovery,windowsdesktop' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -l value -d 'Override the default random generated token with a specified value' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -l labels -d 'Set token labels, e.g. env=prod,region=us-west' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -l ttl -d 'Set expiration time for token, default is 30 minutes' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -l format -d 'Output format: text (just the token), json or yaml; without it, the invite instructions' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from ls" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from ls" -l labels -d 'Only tokens with these labels, e.g. env=prod,region=us-west' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from ls" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from ls" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from ls" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from ls" -l with-secrets -d 'Do not redact join tokens'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from ls" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from rm" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from rm" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from rm" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from rm" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from del" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from del" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from del" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from del" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand tokens; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -f -a "add" -d 'Generate a user invitation token'
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -f -a "ls" -d 'Lists all user accounts'
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -f -a "reset" -d 'Reset user password and generate a new token'
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -f -a "rm" -d 'Deletes user accounts'
complete -c tctl -n "__fish_tctl_using_subcommand users; and not __fish_seen_subcommand_from add ls reset rm del" -f -a "del" -d 'Deletes user accounts'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from add" -l roles -d 'List of roles for the new user to assume, comma-separated' -r
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from add" -l logins -d 'List of allowed SSH logins for the new user, comma-separated' -r
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from add" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from add" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from add" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from add" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from ls" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from ls" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from ls" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from ls" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from ls" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from reset" -l ttl -d 'Set expiration time for the reset link, default is 8h, maximum is 48h' -r
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from reset" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from reset" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from reset" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from reset" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from rm" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from rm" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from rm" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from rm" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from del" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from del" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from del" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from del" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand users; and __fish_seen_subcommand_from del" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand version" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand version" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand version" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand version" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand version" -s h -l help -d 'Print help'
complete -c tctl -n "__fish_tctl_using_subcommand __generate" -s c -l config -d 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand __generate" -s i -l identity -d 'Path to an identity file (from `tctl auth sign --format=file`)' -r -F
complete -c tctl -n "__fish_tctl_using_subcommand __generate" -l auth-server -d 'Address of the auth server or proxy [host:port]' -r
complete -c tctl -n "__fish_tctl_using_subcommand __generate" -l insecure -d 'Do not verify the server\'s certificate (for tests only)'
complete -c tctl -n "__fish_tctl_using_subcommand __generate" -s h -l help -d 'Print help (see more with \'--help\')'
