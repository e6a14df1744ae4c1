
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tsh' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tsh'
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
        'tsh' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Print OpenSSH configuration details')
            [CompletionResult]::new('headless', 'headless', [CompletionResultType]::ParameterValue, 'Headless authentication commands')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a cluster and retrieve the session certificate')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete a cluster certificate')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List remote SSH nodes')
            [CompletionResult]::new('mfa', 'mfa', [CompletionResultType]::ParameterValue, 'Manage multi-factor authentication (MFA) devices')
            [CompletionResult]::new('play', 'play', [CompletionResultType]::ParameterValue, 'Replay the recorded session (SSH, Kubernetes, App, DB)')
            [CompletionResult]::new('proxy', 'proxy', [CompletionResultType]::ParameterValue, 'Run local TLS proxy allowing connecting to Teleport in single-port mode')
            [CompletionResult]::new('recordings', 'recordings', [CompletionResultType]::ParameterValue, 'View and control session recordings')
            [CompletionResult]::new('scp', 'scp', [CompletionResultType]::ParameterValue, 'Transfer files to a remote SSH node')
            [CompletionResult]::new('ssh', 'ssh', [CompletionResultType]::ParameterValue, 'Run shell or execute a command on a remote SSH node')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Display the list of proxy servers and retrieved certificates')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the version of your tsh binary')
            [CompletionResult]::new('__generate', '__generate', [CompletionResultType]::ParameterValue, 'Write completions or man pages into a directory (used by `cargo xtask gen`)')
            break
        }
        'tsh;completion' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;config' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;headless' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve a headless authentication request')
            break
        }
        'tsh;headless;approve' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--skip-confirm', '--skip-confirm', [CompletionResultType]::ParameterName, 'Skip confirmation and prompt for MFA immediately')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;login' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;logout' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;ls' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;mfa' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a new MFA device')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Get a list of registered MFA devices')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an MFA device')
            break
        }
        'tsh;mfa;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the new MFA device')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Type of the new MFA device (TOTP, WEBAUTHN)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;mfa;ls' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;mfa;rm' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;play' {
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'Playback speed: 0.5, 1, 2, ...')
            [CompletionResult]::new('--skip-idle-time', '--skip-idle-time', [CompletionResultType]::ParameterName, 'Longest pause between two events, e.g. 2s')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the events instead of replaying them (json, yaml)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;proxy' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('ssh', 'ssh', [CompletionResultType]::ParameterValue, 'Start local TLS proxy for ssh connections when using Teleport in single-port mode')
            break
        }
        'tsh;proxy;ssh' {
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster the node belongs to (the suffix OpenSSH''s %h carries)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;recordings' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List recorded sessions')
            break
        }
        'tsh;recordings;ls' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;scp' {
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Port to connect to on the remote host')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to connect to on the remote host')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Recursive copy of subdirectories')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Recursive copy of subdirectories')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet mode: no progress bar')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet mode: no progress bar')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;ssh' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Remote host login')
            [CompletionResult]::new('--login', '--login', [CompletionResultType]::ParameterName, 'Remote host login')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'SSH port on a remote host')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'SSH port on a remote host')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Forward localhost connections to remote server: [bind_address:]port:host:hostport')
            [CompletionResult]::new('--forward', '--forward', [CompletionResultType]::ParameterName, 'Forward localhost connections to remote server: [bind_address:]port:host:hostport')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Allocate TTY')
            [CompletionResult]::new('--tty', '--tty', [CompletionResultType]::ParameterName, 'Allocate TTY')
            [CompletionResult]::new('-T', '-T ', [CompletionResultType]::ParameterName, 'Disable TTY allocation')
            [CompletionResult]::new('--no-tty', '--no-tty', [CompletionResultType]::ParameterName, 'Disable TTY allocation')
            [CompletionResult]::new('-N', '-N ', [CompletionResultType]::ParameterName, 'Don''t execute remote command, useful for port forwarding')
            [CompletionResult]::new('--no-remote-exec', '--no-remote-exec', [CompletionResultType]::ParameterName, 'Don''t execute remote command, useful for port forwarding')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Forward agent to target node (the ssh-agent at SSH_AUTH_SOCK, else tsh''s own key)')
            [CompletionResult]::new('--forward-agent', '--forward-agent', [CompletionResultType]::ParameterName, 'Forward agent to target node (the ssh-agent at SSH_AUTH_SOCK, else tsh''s own key)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;status' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;version' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tsh;__generate' {
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Teleport proxy address [host:port]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Teleport user, defaults to the current OS user')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Minimum certificate lifetime to request, e.g. 1h30m')
            [CompletionResult]::new('--mfa-mode', '--mfa-mode', [CompletionResultType]::ParameterName, 'Preferred mode for MFA and passwordless assertions')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--add-keys-to-agent', '--add-keys-to-agent', [CompletionResultType]::ParameterName, 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)')
            [CompletionResult]::new('--use-local-ssh-agent', '--use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Load generated keys into the local ssh-agent (false keeps tsh away from it)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Specify the name of authentication connector to use (headless)')
            [CompletionResult]::new('--mlock', '--mlock', [CompletionResultType]::ParameterName, 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the proxy''s certificate (for tests only)')
            [CompletionResult]::new('--no-use-local-ssh-agent', '--no-use-local-ssh-agent', [CompletionResultType]::ParameterName, 'Do not use the local ssh-agent')
            [CompletionResult]::new('--headless', '--headless', [CompletionResultType]::ParameterName, 'Use headless login. Shorthand for --auth=headless')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
