/**
 * The built-in `local` analyst: deterministic, explainable and offline. It is the embedded default
 * provider and the fallback when a model provider fails. Every conclusion cites the evidence that
 * produced it; see README.md in this folder for the rules, weights and thresholds.
 */
export { LOCAL_MODEL, runLocalAgent } from './runLocalAgent';
export { answerLocalChat } from './answerLocalChat';

// Building blocks, for the pipeline (e.g. IOC extraction for prompts) and for tests.
export { extractIocs, IocCollector, MAX_IOCS, type ExtractIocOptions, type FoundIoc } from './extractIocs';
export { refang, isDefanged } from './refang';
export { parseIp, parseIpv4, parseIpv6, formatIpv6, isExternalScope, type IpInfo, type IpScope } from './ipAddress';
export { mapAttack, resolveTactic, resolveTechnique, sentinelTacticShortname, REVOKED_SUCCESSORS, type AttackMapping, type AttackMappingInput, type MappedTechnique, type MappedTactic } from './mapAttack';
export { attackCatalog, loadAttackCatalog, ATTACK_DATA_DIR, KILL_CHAIN, type AttackCatalog } from './attackCatalog';
export { ATTACK_RULES, type AttackRule } from './attackRules';
export { assessEmail, verdictFromSignals, PHISHING_THRESHOLD, SUSPICIOUS_THRESHOLD, type EmailAssessment } from './assessEmail';
export { emailSignals, type EmailEvidence, type EmailSignal, type MailMessageFacts } from './emailSignals';
export { parseRawEmail, parseAddress, parseAddressList, parseAuthenticationResults, getHeader, type ParsedEmail, type EmailAddress, type AuthResult } from './parseRawEmail';
export { findLookalike, lookalikeTargets, editDistance, skeleton, type LookalikeMatch } from './lookalikeDomain';
export { scoreSeverity, severityForScore, SEVERITY_THRESHOLDS, type SeverityAssessment } from './scoreSeverity';
export { decideVerdict, tallyEvidence, LOGISTIC_SLOPE, DECISION_PROBABILITY, MAX_CONFIDENCE, type VerdictDecision, type EvidencePoint } from './decideVerdict';
export { rootCause } from './rootCause';
export { threatAnalysis } from './threatAnalysis';
export { gatherFacts, type IncidentFacts } from './incidentFacts';
export { findVerdictIndicators, type VerdictIndicator } from './verdictIndicators';
export { decodePowerShellCommands } from './decodePowerShell';
