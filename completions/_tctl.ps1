
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tctl' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Manage cluster certificate authorities')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create or update resources from a YAML file')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a resource in $EDITOR')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a resource')
            [CompletionResult]::new('nodes', 'nodes', [CompletionResultType]::ParameterValue, 'Issue invites for other nodes to join the cluster')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a resource')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Report cluster status')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'List or revoke invitation tokens')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Manage user accounts')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the version of your tctl binary')
            [CompletionResult]::new('__generate', '__generate', [CompletionResultType]::ParameterValue, 'Write completions or man pages into a directory (used by `cargo xtask gen`)')
            break
        }
        'tctl;auth' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export public cluster CA certificates to stdout')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Create an identity file(s) for a given user or host')
            break
        }
        'tctl;auth;export' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Certificate type: user, host, tls-host, tls-user, openssh, db or db-client; both SSH CAs when omitted')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tctl;auth;sign' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user name')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Teleport host name(s) and address(es), comma-separated')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Identity output: file (default), openssh, tls or db (a database server certificate for --host)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Identity output path')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Identity output path')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'TTL (time to live) for the generated certificate [12h for users and databases; hosts: no expiry]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Whether to overwrite existing destination files')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;completion' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;create' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Overwrite the resource if it exists already')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite the resource if it exists already')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;edit' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;get' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--with-secrets', '--with-secrets', [CompletionResultType]::ParameterName, 'Show token values instead of redacting them')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tctl;nodes' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Generate a node invitation token')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List all active SSH nodes within the cluster')
            break
        }
        'tctl;nodes;add' {
            [CompletionResult]::new('--roles', '--roles', [CompletionResultType]::ParameterName, 'Comma-separated list of roles for the new node to assume')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Time to live for a generated token')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Override the default random generated token with a specified value')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: json prints ["<token>"]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;nodes;ls' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tctl;rm' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;status' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tctl;tokens' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an invitation token')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List node and user invitation tokens')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete/revoke an invitation token')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete/revoke an invitation token')
            break
        }
        'tctl;tokens;add' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Type(s) of token to add, e.g. --type=node,app,db,proxy,auth,kube,bot,discovery,windowsdesktop')
            [CompletionResult]::new('--value', '--value', [CompletionResultType]::ParameterName, 'Override the default random generated token with a specified value')
            [CompletionResult]::new('--labels', '--labels', [CompletionResultType]::ParameterName, 'Set token labels, e.g. env=prod,region=us-west')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Set expiration time for token, default is 30 minutes')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text (just the token), json or yaml; without it, the invite instructions')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;tokens;ls' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--labels', '--labels', [CompletionResultType]::ParameterName, 'Only tokens with these labels, e.g. env=prod,region=us-west')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--with-secrets', '--with-secrets', [CompletionResultType]::ParameterName, 'Do not redact join tokens')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tctl;tokens;rm' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;tokens;del' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;users' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Generate a user invitation token')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Lists all user accounts')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Reset user password and generate a new token')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Deletes user accounts')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Deletes user accounts')
            break
        }
        'tctl;users;add' {
            [CompletionResult]::new('--roles', '--roles', [CompletionResultType]::ParameterName, 'List of roles for the new user to assume, comma-separated')
            [CompletionResult]::new('--logins', '--logins', [CompletionResultType]::ParameterName, 'List of allowed SSH logins for the new user, comma-separated')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;users;ls' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tctl;users;reset' {
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Set expiration time for the reset link, default is 8h, maximum is 48h')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;users;rm' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;users;del' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;version' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tctl;__generate' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Path to an identity file (from `tctl auth sign --format=file`)')
            [CompletionResult]::new('--auth-server', '--auth-server', [CompletionResultType]::ParameterName, 'Address of the auth server or proxy [host:port]')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (for tests only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
