# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tsh_global_optspecs
    string join \n proxy= user= ttl= insecure mfa-mode= k/add-keys-to-agent= use-local-ssh-agent= no-use-local-ssh-agent headless auth= mlock= h/help V/version
end

function __fish_tsh_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tsh_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tsh_using_subcommand
    set -l cmd (__fish_tsh_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tsh -n "__fish_tsh_needs_command" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_needs_command" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_needs_command" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_needs_command" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_needs_command" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_needs_command" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_needs_command" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_needs_command" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_needs_command" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_needs_command" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_needs_command" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_needs_command" -s V -l version -d 'Print version'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "config" -d 'Print OpenSSH configuration details'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "db" -d 'View and control proxied databases'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "headless" -d 'Headless authentication commands'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "kube" -d 'Manage Kubernetes clusters'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "login" -d 'Log in to a cluster and retrieve the session certificate'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "logout" -d 'Delete a cluster certificate'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "ls" -d 'List remote SSH nodes'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "mfa" -d 'Manage multi-factor authentication (MFA) devices'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "play" -d 'Replay the recorded session (SSH, Kubernetes, App, DB)'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "proxy" -d 'Run local TLS proxy allowing connecting to Teleport in single-port mode'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "recordings" -d 'View and control session recordings'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "scp" -d 'Transfer files to a remote SSH node'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "ssh" -d 'Run shell or execute a command on a remote SSH node'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "status" -d 'Display the list of proxy servers and retrieved certificates'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "version" -d 'Print the version of your tsh binary'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "__generate" -d 'Write completions or man pages into a directory (used by `cargo xtask gen`)'
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand completion" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand config" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand config" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand config" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand config" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand config" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand config" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand config" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand config" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand config" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand config" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand config" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -f -a "ls" -d 'List all available databases'
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -f -a "connect" -d 'Connect to a database'
complete -c tsh -n "__fish_tsh_using_subcommand db; and not __fish_seen_subcommand_from ls connect exec" -f -a "exec" -d 'Execute database commands on target database services'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -s u -l db-user -d 'Database user to log in as' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -s n -l db-name -d 'Database name to log in to' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l db-user -d 'Database user used to connect the target database services' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l db-name -d 'Database name used to connect the target database services' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l dbs -d 'List of comma separated database services' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l labels -d 'List of comma separated labels to filter by labels (e.g. key1=value1,key2=value2)' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l output-dir -d 'Directory to store command output per target database service. A summary is saved as "summary.json"' -r -F
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -s y -l yes -d 'Do not ask for confirmation before executing on the found databases'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand db; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and not __fish_seen_subcommand_from approve" -f -a "approve" -d 'Approve a headless authentication request'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l skip-confirm -d 'Skip confirmation and prompt for MFA immediately'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand headless; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -f -a "ls" -d 'Get a list of Kubernetes clusters'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -f -a "login" -d 'Log in to a Kubernetes cluster and discover connected clusters'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and not __fish_seen_subcommand_from ls login credentials" -f -a "credentials" -d 'Get credentials for kubectl access'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l kube-cluster -d 'Kubernetes cluster to get credentials for' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l teleport-cluster -d 'Teleport cluster (the current login\'s when omitted)' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand kube; and __fish_seen_subcommand_from credentials" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand login" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand login" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand login" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand login" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand login" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand login" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand login" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand login" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand login" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand login" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand login" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand logout" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand ls" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand ls" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -f -a "add" -d 'Add a new MFA device'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -f -a "ls" -d 'Get a list of registered MFA devices'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -f -a "rm" -d 'Remove an MFA device'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l name -d 'Name of the new MFA device' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l type -d 'Type of the new MFA device (TOTP, WEBAUTHN)' -r -f -a "TOTP\t'A TOTP app'
WEBAUTHN\t'A security key'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand play" -l speed -d 'Playback speed: 0.5, 1, 2, ...' -r
complete -c tsh -n "__fish_tsh_using_subcommand play" -l skip-idle-time -d 'Longest pause between two events, e.g. 2s' -r
complete -c tsh -n "__fish_tsh_using_subcommand play" -l format -d 'Print the events instead of replaying them (json, yaml)' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tsh -n "__fish_tsh_using_subcommand play" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand play" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand play" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand play" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand play" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand play" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand play" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand play" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand play" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand play" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand play" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand play" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -f -a "ssh" -d 'Start local TLS proxy for ssh connections when using Teleport in single-port mode'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -f -a "db" -d 'Start local TLS proxy for database connections when using Teleport in single-port mode'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and not __fish_seen_subcommand_from ssh db kube" -f -a "kube" -d 'Start local proxy for Kubernetes access'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l cluster -d 'Cluster the node belongs to (the suffix OpenSSH\'s %h carries)' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from ssh" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l db-user -d 'Database user to log in as' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l db-name -d 'Database name to log in to' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l port -d 'Specifies the source port used by proxy db listener' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l tunnel -d 'Open authenticated tunnel using database\'s client certificate so clients don\'t need to authenticate'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from db" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -s p -l port -d 'Port the local proxy listens on (default: any free port)' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l exec -d 'Run a new shell configured with kubectl for the local proxy; the proxy ends with it'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand proxy; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and not __fish_seen_subcommand_from ls" -f -a "ls" -d 'List recorded sessions'
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l from-utc -d 'Start of the window, a UTC date as 2006-01-02 (default: 24 hours ago)' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l to-utc -d 'End of the window, a UTC date as 2006-01-02 (default: now)' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l limit -d 'Maximum number of recordings to show' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l last -d 'Duration into the past from which session recordings should be listed, e.g. 5h30m40s' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand recordings; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand scp" -s P -l port -d 'Port to connect to on the remote host' -r
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand scp" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand scp" -s r -l recursive -d 'Recursive copy of subdirectories'
complete -c tsh -n "__fish_tsh_using_subcommand scp" -s q -l quiet -d 'Quiet mode: no progress bar'
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand scp" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand scp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -s l -l login -d 'Remote host login' -r
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -s p -l port -d 'SSH port on a remote host' -r
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -s L -l forward -d 'Forward localhost connections to remote server: [bind_address:]port:host:hostport' -r
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -s t -l tty -d 'Allocate TTY'
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -s T -l no-tty -d 'Disable TTY allocation'
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -s N -l no-remote-exec -d 'Don\'t execute remote command, useful for port forwarding'
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -s A -l forward-agent -d 'Forward agent to target node (the ssh-agent at SSH_AUTH_SOCK, else tsh\'s own key)'
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand ssh" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand status" -l format -d 'Output format' -r -f -a "text\t'Human-readable text (tables)'
json\t'JSON: stable, for scripts'
yaml\t'YAML'"
complete -c tsh -n "__fish_tsh_using_subcommand status" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand status" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand status" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand status" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand status" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand status" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand status" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand status" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand status" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand status" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand status" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand version" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand version" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand version" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand version" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand version" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand version" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand version" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand version" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand version" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand version" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand version" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l proxy -d 'Teleport proxy address [host:port]' -r
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l user -d 'Teleport user, defaults to the current OS user' -r
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l ttl -d 'Minimum certificate lifetime to request, e.g. 1h30m' -r
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l mfa-mode -d 'Preferred mode for MFA and passwordless assertions' -r -f -a "auto\t'Whatever the challenge allows; security key and OTP at once when both are possible'
cross-platform\t'Roaming security keys only'
platform\t'Platform authenticators only (Touch ID, Windows Hello): not available here'
otp\t'OTP codes only'"
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -s k -l add-keys-to-agent -d 'Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)' -r -f -a "auto\t'Load into the agent unless there is none or it is gpg-agent'
no\t'Never'
yes\t'Always (a warning when there is no agent)'
only\t'Only into the agent: no private key is written to disk'"
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l use-local-ssh-agent -d 'Load generated keys into the local ssh-agent (false keeps tsh away from it)' -r -f -a "true\t''
false\t''"
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l auth -d 'Specify the name of authentication connector to use (headless)' -r
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l mlock -d 'Determines whether process memory will be locked for headless login and whether failure to do so will be accepted' -r -f -a "auto\t'`best_effort` for headless login, otherwise nothing'
off\t'No locking'
best_effort\t'Lock; warn and go on when it fails'
strict\t'Lock; fail the command when it fails'"
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l headless -d 'Use headless login. Shorthand for --auth=headless'
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -s h -l help -d 'Print help (see more with \'--help\')'
