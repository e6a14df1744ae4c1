_tsh() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="tsh"
                ;;
            tsh,__generate)
                cmd="tsh__subcmd____generate"
                ;;
            tsh,completion)
                cmd="tsh__subcmd__completion"
                ;;
            tsh,config)
                cmd="tsh__subcmd__config"
                ;;
            tsh,db)
                cmd="tsh__subcmd__db"
                ;;
            tsh,headless)
                cmd="tsh__subcmd__headless"
                ;;
            tsh,kube)
                cmd="tsh__subcmd__kube"
                ;;
            tsh,login)
                cmd="tsh__subcmd__login"
                ;;
            tsh,logout)
                cmd="tsh__subcmd__logout"
                ;;
            tsh,ls)
                cmd="tsh__subcmd__ls"
                ;;
            tsh,mfa)
                cmd="tsh__subcmd__mfa"
                ;;
            tsh,play)
                cmd="tsh__subcmd__play"
                ;;
            tsh,proxy)
                cmd="tsh__subcmd__proxy"
                ;;
            tsh,recordings)
                cmd="tsh__subcmd__recordings"
                ;;
            tsh,scp)
                cmd="tsh__subcmd__scp"
                ;;
            tsh,ssh)
                cmd="tsh__subcmd__ssh"
                ;;
            tsh,status)
                cmd="tsh__subcmd__status"
                ;;
            tsh,version)
                cmd="tsh__subcmd__version"
                ;;
            tsh__subcmd__db,connect)
                cmd="tsh__subcmd__db__subcmd__connect"
                ;;
            tsh__subcmd__db,exec)
                cmd="tsh__subcmd__db__subcmd__exec"
                ;;
            tsh__subcmd__db,ls)
                cmd="tsh__subcmd__db__subcmd__ls"
                ;;
            tsh__subcmd__headless,approve)
                cmd="tsh__subcmd__headless__subcmd__approve"
                ;;
            tsh__subcmd__kube,credentials)
                cmd="tsh__subcmd__kube__subcmd__credentials"
                ;;
            tsh__subcmd__kube,login)
                cmd="tsh__subcmd__kube__subcmd__login"
                ;;
            tsh__subcmd__kube,ls)
                cmd="tsh__subcmd__kube__subcmd__ls"
                ;;
            tsh__subcmd__mfa,add)
                cmd="tsh__subcmd__mfa__subcmd__add"
                ;;
            tsh__subcmd__mfa,ls)
                cmd="tsh__subcmd__mfa__subcmd__ls"
                ;;
            tsh__subcmd__mfa,rm)
                cmd="tsh__subcmd__mfa__subcmd__rm"
                ;;
            tsh__subcmd__proxy,db)
                cmd="tsh__subcmd__proxy__subcmd__db"
                ;;
            tsh__subcmd__proxy,kube)
                cmd="tsh__subcmd__proxy__subcmd__kube"
                ;;
            tsh__subcmd__proxy,ssh)
                cmd="tsh__subcmd__proxy__subcmd__ssh"
                ;;
            tsh__subcmd__recordings,ls)
                cmd="tsh__subcmd__recordings__subcmd__ls"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        tsh)
            opts="-k -h -V --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help --version completion config db headless kube login logout ls mfa play proxy recordings scp ssh status version __generate"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd____generate)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help completions man"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__completion)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__config)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__db)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help ls connect exec"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__db__subcmd__connect)
            opts="-u -n -k -h --db-user --db-name --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --db-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__db__subcmd__exec)
            opts="-y -k -h --db-user --db-name --dbs --labels --output-dir --yes --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --db-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dbs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --labels)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__db__subcmd__ls)
            opts="-k -h --format --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json yaml" -- "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__headless)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help approve"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__headless__subcmd__approve)
            opts="-k -h --skip-confirm --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__kube)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help ls login credentials"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__kube__subcmd__credentials)
            opts="-k -h --kube-cluster --teleport-cluster --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --kube-cluster)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --teleport-cluster)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__kube__subcmd__login)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__kube__subcmd__ls)
            opts="-k -h --format --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json yaml" -- "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__login)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__logout)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__ls)
            opts="-k -h --format --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json yaml" -- "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__mfa)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help add ls rm"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__mfa__subcmd__add)
            opts="-k -h --name --type --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -W "TOTP WEBAUTHN" -- "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__mfa__subcmd__ls)
            opts="-k -h --format --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json yaml" -- "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__mfa__subcmd__rm)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__play)
            opts="-k -h --speed --skip-idle-time --format --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --speed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip-idle-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "text json yaml" -- "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__proxy)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help ssh db kube"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__proxy__subcmd__db)
            opts="-k -h --tunnel --db-user --db-name --port --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --db-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --db-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__proxy__subcmd__kube)
            opts="-p -k -h --exec --port --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__proxy__subcmd__ssh)
            opts="-k -h --cluster --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cluster)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__recordings)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help ls"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__recordings__subcmd__ls)
            opts="-k -h --format --from-utc --to-utc --limit --last --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json yaml" -- "${cur}"))
                    return 0
                    ;;
                --from-utc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --to-utc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --last)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__scp)
            opts="-r -P -q -k -h --recursive --port --quiet --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -P)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__ssh)
            opts="-l -p -t -T -L -N -A -k -h --login --port --tty --no-tty --forward --no-remote-exec --forward-agent --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --login)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --forward)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -L)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__status)
            opts="-k -h --format --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json yaml" -- "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        tsh__subcmd__version)
            opts="-k -h --proxy --user --ttl --insecure --mfa-mode --add-keys-to-agent --use-local-ssh-agent --no-use-local-ssh-agent --headless --auth --mlock --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mfa-mode)
                    COMPREPLY=($(compgen -W "auto cross-platform platform otp" -- "${cur}"))
                    return 0
                    ;;
                --add-keys-to-agent)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                -k)
                    COMPREPLY=($(compgen -W "auto no yes only" -- "${cur}"))
                    return 0
                    ;;
                --use-local-ssh-agent)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mlock)
                    COMPREPLY=($(compgen -W "auto off best_effort strict" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _tsh -o nosort -o bashdefault -o default tsh
else
    complete -F _tsh -o bashdefault -o default tsh
fi
