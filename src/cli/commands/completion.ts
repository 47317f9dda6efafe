import type { Argv } from "yargs";
import { commandFlagsFirst, helpText } from "../help.js";

const SHELLS = ["bash", "zsh"] as const;
type Shell = (typeof SHELLS)[number];

/**
 * Both scripts ask kcs itself what may follow (yargs' --get-yargs-completions), so they never go
 * stale. Unlike yargs' own bash script this one needs no mapfile (macOS still ships bash 3.2), and it
 * sends only the words up to the cursor.
 */
const BASH = `###-begin-kcs-completions-###
# bash completion for kcs. Install: kcs completion bash >> ~/.bashrc
_kcs_completions() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -W "$(kcs --get-yargs-completions "\${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null)" -- "\${COMP_WORDS[COMP_CWORD]}"))
}
complete -o bashdefault -o default -F _kcs_completions kcs
###-end-kcs-completions-###
`;

/** SHELL=zsh makes yargs answer "name:description", which _describe shows beside each name. */
const ZSH = `#compdef kcs
###-begin-kcs-completions-###
# zsh completion for kcs. Install: add  source <(kcs completion zsh)  to ~/.zshrc after compinit,
# or save this as _kcs in a folder of your $fpath.
_kcs_completions() {
  local -a reply
  reply=("\${(@f)$(SHELL=zsh kcs --get-yargs-completions "\${(@)words[1,CURRENT]}" 2>/dev/null)}")
  if [[ -n "\${reply[*]}" ]]; then
    _describe 'kcs' reply
  else
    _default
  fi
}
if [[ "\${zsh_eval_context[-1]}" == "loadautofunc" ]]; then
  _kcs_completions "$@"
else
  compdef _kcs_completions kcs
fi
###-end-kcs-completions-###
`;

export function builder(y: Argv): Argv {
  return commandFlagsFirst(
    y
      .positional("shell", {
        choices: SHELLS,
        default: process.env.SHELL?.endsWith("zsh") ? "zsh" : "bash",
        defaultDescription: helpText("cli.completion.shellDefault"),
        describe: helpText("cli.completion.shell"),
      })
      .example("$0 completion bash >> ~/.bashrc", helpText("cli.completion.bash"))
      .example("echo 'source <($0 completion zsh)' >> ~/.zshrc", helpText("cli.completion.zsh"))
      .example("source <($0 completion)", helpText("cli.completion.here")),
  );
}

export async function handler(args: { shell: Shell }): Promise<void> {
  process.stdout.write(args.shell === "zsh" ? ZSH : BASH);
}
