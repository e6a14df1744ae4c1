# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tsh_global_optspecs
    string join \n proxy= user= ttl= insecure mfa-mode= k/add-keys-to-agent= use-local-ssh-agent= no-use-local-ssh-agent h/help V/version
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
complete -c tsh -n "__fish_tsh_needs_command" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_needs_command" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tsh -n "__fish_tsh_needs_command" -s V -l version -d 'Print version'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "login" -d 'Log in to a cluster and retrieve the session certificate'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "logout" -d 'Delete a cluster certificate'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "mfa" -d 'Manage multi-factor authentication (MFA) devices'
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
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand completion" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
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
complete -c tsh -n "__fish_tsh_using_subcommand login" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand login" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
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
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand logout" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
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
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and not __fish_seen_subcommand_from add ls rm" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
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
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from add" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
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
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from ls" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
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
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand mfa; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
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
complete -c tsh -n "__fish_tsh_using_subcommand status" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand status" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
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
complete -c tsh -n "__fish_tsh_using_subcommand version" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand version" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
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
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l insecure -d 'Do not verify the proxy\'s certificate (for tests only)'
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -l no-use-local-ssh-agent -d 'Do not use the local ssh-agent'
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -s h -l help -d 'Print help (see more with \'--help\')'
