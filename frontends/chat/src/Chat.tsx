/**
 * Ask the assistant about an incident. The answer streams in through chatMessageStream (a snapshot
 * of the text so far, then deltas, then done); the conversation is kept on the server, so coming
 * back to the incident shows it again. Assistant text is model output: rendered as plain text.
 */
import { ApolloProvider, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { canWrite, type IncidentScopedProps } from '@soc/ui-common/contract';
import { formatTime, humanize } from '@soc/ui-common/format';
import { cx, ErrorNotice, Loading, uiStyles } from '@soc/ui-common/ui';
import { ASK_ASSISTANT, CHAT_INCIDENT, CHAT_MESSAGE_STREAM, CHAT_SESSION, type ChatMessage } from './queries';
import styles from './chat.module.css';

const MAX_QUESTION = 4000;
const LIVE_SILENCE_MS = 6_000;
const SUGGESTIONS = ['Summarise this incident in three sentences.', 'Is this likely a true positive? Why?', 'What should I do next?', 'Which indicators should I block?'];

function Message({ message }: { message: ChatMessage }) {
  const mine = message.role === 'USER';
  return (
    <li className={cx(styles.message, mine ? styles.user : styles.assistant)} data-testid="chat-message" data-role={message.role} data-status={message.status}>
      <div className={styles.meta}>
        <span className={styles.author}>{mine ? 'You' : 'Assistant'}</span>
        <span>{formatTime(message.createdAt)}</span>
        {!mine && (message.provider || message.model) && <span>{[message.provider, message.model].filter(Boolean).join(' / ')}</span>}
      </div>
      <div className={styles.content}>
        {message.content}
        {message.status === 'STREAMING' && (
          <span className={styles.cursor} aria-label="The assistant is writing">
            ▍
          </span>
        )}
        {message.status === 'STREAMING' && !message.content && <span className={uiStyles.muted}>Thinking…</span>}
      </div>
      {message.status === 'FAILED' && <div className={styles.failed}>The assistant could not answer{message.error ? `: ${message.error}` : '.'}</div>}
    </li>
  );
}

function ChatView({ incidentId, tenant }: IncidentScopedProps) {
  const incidentQuery = useQuery(CHAT_INCIDENT, { variables: { id: incidentId }, errorPolicy: 'all' });
  const incident = incidentQuery.data?.incident ?? null;
  // undefined: follow the latest conversation; null: a new one on the next question.
  const [chosenSession, setChosenSession] = useState<string | null | undefined>(undefined);
  const sessionId = chosenSession === undefined ? (incident?.chatSessions[0]?.id ?? null) : chosenSession;
  const sessionQuery = useQuery(CHAT_SESSION, { variables: { id: sessionId ?? '' }, skip: !sessionId, errorPolicy: 'all' });
  const messages = sessionId ? (sessionQuery.data?.chatSession?.messages ?? []) : [];
  const [ask, askState] = useMutation(ASK_ASSISTANT);
  const [question, setQuestion] = useState('');
  const [streamingId, setStreamingId] = useState<string | null>(null);
  const [liveAt, setLiveAt] = useState(0);
  const [deltas, setDeltas] = useState(0);
  const [polling, setPolling] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const mayAsk = canWrite(tenant);

  // An answer still being written when the conversation loads: follow it.
  const pending = messages.find((m) => m.role === 'ASSISTANT' && m.status === 'STREAMING');
  useEffect(() => {
    if (pending && !streamingId) {
      setStreamingId(pending.id);
      setLiveAt(Date.now());
    }
    if (!pending && streamingId && messages.some((m) => m.id === streamingId && m.status !== 'STREAMING')) setStreamingId(null);
  }, [pending, streamingId, messages]);

  useSubscription(CHAT_MESSAGE_STREAM, {
    variables: { messageId: streamingId ?? '' },
    skip: !streamingId,
    onData: ({ data }) => {
      const event = data.data?.chatMessageStream;
      if (!event) return;
      setLiveAt(Date.now());
      if (event.seq > 0) setDeltas((n) => n + 1);
      if (event.done) setStreamingId(null);
    },
  });

  // When the stream is silent (no live connection), poll the conversation until the answer is done.
  useEffect(() => {
    if (!streamingId) {
      setPolling(false);
      return;
    }
    const timer = setInterval(() => setPolling(Date.now() - liveAt > LIVE_SILENCE_MS), 1_000);
    return () => clearInterval(timer);
  }, [streamingId, liveAt]);
  useEffect(() => {
    if (polling && streamingId && sessionId) sessionQuery.startPolling(1_500);
    else sessionQuery.stopPolling();
    return () => sessionQuery.stopPolling();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [polling, streamingId, sessionId]);

  // Keep the newest message in view.
  const lastContent = messages[messages.length - 1]?.content.length ?? 0;
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length, lastContent]);

  async function send(text: string) {
    const trimmed = text.trim();
    if (!trimmed || askState.loading) return;
    const result = await ask({
      variables: { incidentId, question: trimmed, sessionId },
      // Show the question and the (still empty) answer at once: the stream fills it in.
      update: (cache, { data }) => {
        const session = data?.askAssistant.session;
        if (session) cache.writeQuery({ query: CHAT_SESSION, variables: { id: session.id }, data: { chatSession: session } });
      },
    }).catch(() => null);
    const exchange = result?.data?.askAssistant;
    if (!exchange) return;
    setQuestion('');
    setDeltas(0);
    setLiveAt(Date.now());
    setChosenSession(exchange.session.id);
    if (exchange.answer.status === 'STREAMING') setStreamingId(exchange.answer.id);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send(question);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send(question);
    }
  }

  if (!incident && incidentQuery.loading) return <Loading label="Loading the conversation" lines={3} />;
  if (!incident && incidentQuery.error) return <ErrorNotice title="Could not load the conversation" error={incidentQuery.error} onRetry={() => void incidentQuery.refetch()} />;

  return (
    <div className={cx(uiStyles.panel, styles.chat)} data-testid="chat">
      <div className={styles.header}>
        <h2 className={styles.title}>Assistant</h2>
        {streamingId && (
          <span className={uiStyles.muted} data-testid="chat-stream-source" data-source={polling ? 'polling' : 'live'} data-deltas={deltas}>
            {polling ? 'Stream silent: polling' : 'Streaming…'}
          </span>
        )}
        <span className={styles.spacer} />
        {(incident?.chatSessions.length ?? 0) > 1 && (
          <>
            <label htmlFor="chat-session" className="soc-visually-hidden">
              Conversation
            </label>
            <select id="chat-session" className={uiStyles.input} value={sessionId ?? ''} onChange={(e) => setChosenSession(e.target.value || null)}>
              {incident?.chatSessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {formatTime(s.createdAt)} · {s.createdBy}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" className={uiStyles.button} onClick={() => setChosenSession(null)} disabled={!sessionId}>
          New conversation
        </button>
      </div>

      {sessionQuery.error && !sessionQuery.data && <ErrorNotice title="Could not load the messages" error={sessionQuery.error} onRetry={() => void sessionQuery.refetch()} />}
      <div ref={listRef} className={styles.scroller} role="log" aria-live="polite" aria-label="Conversation" tabIndex={0}>
      <ol className={styles.messages}>
        {messages.length === 0 && (
          <li className={styles.empty}>
            <p className={uiStyles.muted}>Ask anything about incident #{incident?.number}: what happened, how bad it is, what to do next.</p>
            {mayAsk && (
              <div className={styles.suggestions}>
                {SUGGESTIONS.map((s) => (
                  <button key={s} type="button" className={cx(uiStyles.button, styles.suggestion)} onClick={() => void send(s)} disabled={askState.loading}>
                    {s}
                  </button>
                ))}
              </div>
            )}
          </li>
        )}
        {messages.map((m) => (
          <Message key={m.id} message={m} />
        ))}
      </ol>
      </div>

      {askState.error && <ErrorNotice title="Could not send the question" error={askState.error} />}
      {mayAsk ? (
        <form className={styles.form} onSubmit={onSubmit}>
          <label htmlFor="chat-question" className={styles.label}>
            Ask about this incident
          </label>
          <textarea
            id="chat-question"
            className={cx(uiStyles.input, styles.input)}
            rows={2}
            maxLength={MAX_QUESTION}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder="e.g. Which accounts are affected?"
            aria-describedby="chat-hint"
          />
          <div className={styles.formRow}>
            <span id="chat-hint" className={uiStyles.muted}>
              Enter to send, Shift+Enter for a new line · {question.length}/{MAX_QUESTION}
            </span>
            <button type="submit" className={cx(uiStyles.button, uiStyles.primary)} disabled={!question.trim() || askState.loading} data-testid="chat-send">
              {askState.loading ? 'Sending…' : 'Send'}
            </button>
          </div>
        </form>
      ) : (
        <p className={uiStyles.muted}>Viewers can read conversations but not ask the assistant ({humanize(tenant.roles[0] ?? 'VIEWER')} role).</p>
      )}
    </div>
  );
}

export function Chat(props: IncidentScopedProps) {
  return (
    <ApolloProvider client={props.client}>
      <ChatView {...props} />
    </ApolloProvider>
  );
}
