# bash completion for accord (installed as
# share/bash-completion/completions/accord). Everything it offers comes from
# the program itself, so it never drifts: the commands from `accord help`,
# each command's options from `accord COMMAND --help`, workflow names from
# `accord workflow list`, and a session's party codes from
# `accord status SESSION --parties`.

# The long options of a command, from its --help.
_accord_options()
{
	"$1" "$2" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u
}

# The session file on the command line (the first *.accord or existing file
# argument after the command), for party codes and amendment ids.
_accord_session()
{
	local i
	for ((i = 2; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) [[ -f ${COMP_WORDS[i]} ]] && { printf '%s\n' "${COMP_WORDS[i]}"; return; } ;;
		esac
	done
}

_accord()
{
	local cur prev program command session
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	program=${COMP_WORDS[0]}

	if ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W "$("$program" help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p') help --help --version" -- "$cur"))
		return
	fi
	command=${COMP_WORDS[1]}

	case $prev in
	--workflow | -w)
		COMPREPLY=($(compgen -W "$("$program" workflow list 2>/dev/null | cut -f1)" -- "$cur"))
		[[ $cur == */* || $cur == *.lua ]] && COMPREPLY+=($(compgen -f -- "$cur"))
		return
		;;
	--as | -a | --party)
		session=$(_accord_session)
		if [[ -n $session ]]; then
			COMPREPLY=($(compgen -W "$("$program" status "$session" --parties 2>/dev/null | cut -f1)" -- "$cur"))
		fi
		return
		;;
	--format | -f)
		COMPREPLY=($(compgen -W "text json yaml md html outline docx" -- "$cur"))
		return
		;;
	--color)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return
		;;
	--as-chair | -c)
		[[ $command == decide ]] && COMPREPLY=($(compgen -W "agreed bracketed" -- "$cur")) && return
		;;
	--take)
		COMPREPLY=($(compgen -W "first last shortest" -- "$cur"))
		return
		;;
	esac

	# accord vote SESSION --as PARTY AMENDMENT VOTE: the vote after the amendment
	if [[ $command == vote && $cur != -* ]] && ((COMP_CWORD >= 6)) && [[ ${COMP_WORDS[*]} == *" --as "* || ${COMP_WORDS[*]} == *" -a "* ]]; then
		COMPREPLY=($(compgen -W "yes no abstain" -- "$cur"))
		return
	fi

	case $command in
	help)
		COMPREPLY=($(compgen -W "$("$program" help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')" -- "$cur"))
		return
		;;
	workflow)
		if ((COMP_CWORD == 2)); then
			COMPREPLY=($(compgen -W "check list" -- "$cur"))
			return
		fi
		;;
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_accord_options "$program" "$command")" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}

complete -o filenames -o bashdefault -F _accord accord
