# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tsh_global_optspecs
    string join \n h/help V/version
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

complete -c tsh -n "__fish_tsh_needs_command" -s h -l help -d 'Print help'
complete -c tsh -n "__fish_tsh_needs_command" -s V -l version -d 'Print version'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "version" -d 'Print the version of your tsh binary'
complete -c tsh -n "__fish_tsh_needs_command" -f -a "__generate" -d 'Write completions or man pages into a directory (used by `cargo xtask gen`)'
complete -c tsh -n "__fish_tsh_using_subcommand completion" -s h -l help -d 'Print help'
complete -c tsh -n "__fish_tsh_using_subcommand version" -s h -l help -d 'Print help'
complete -c tsh -n "__fish_tsh_using_subcommand __generate" -s h -l help -d 'Print help (see more with \'--help\')'
