import { agentOutputSchemas, type AgentOutputs, type PipelineAgent } from '../../agents';

export type ParsedOutput<T> = { ok: true; value: T } | { ok: false; problem: string };

const MAX_PROBLEM_CHARS = 1_500;

/**
 * Parses a model's answer as the agent's output. JSON modes make the answer a bare object, but
 * openai-compatible servers and some models still wrap it in a code fence or a sentence, so the
 * outermost {...} is tried when the whole text is not JSON. `problem` is written for the model: it
 * is fed back verbatim in the one corrective retry.
 */
export function parseAgentOutput<A extends PipelineAgent>(agent: A, text: string): ParsedOutput<AgentOutputs[A]> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const result = agentOutputSchemas[agent].safeParse(json.value);
  if (result.success) return { ok: true, value: result.data as AgentOutputs[A] };
  const issues = result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  return { ok: false, problem: cap(`the JSON does not match the required schema: ${issues.join('; ')}`) };
}

function parseJson(text: string): ParsedOutput<unknown> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: 'the answer was empty; a JSON object is required' };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch (error) {
    const start = trimmed.indexOf('{');
    const end = trimmed.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try {
        return { ok: true, value: JSON.parse(trimmed.slice(start, end + 1)) };
      } catch {
        // fall through: report the error of the whole text, which is what the model produced
      }
    }
    return { ok: false, problem: cap(`the answer is not valid JSON (${error instanceof Error ? error.message : String(error)})`) };
  }
}

function cap(text: string): string {
  return text.length > MAX_PROBLEM_CHARS ? `${text.slice(0, MAX_PROBLEM_CHARS - 1)}…` : text;
}
