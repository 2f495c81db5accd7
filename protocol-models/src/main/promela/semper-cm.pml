/*
 * semper-cm/1: optimistic certified mail (sender S, recipient R, certified-mail TTP T).
 * Source of the rules: ../shared/design/protocols.md section 3 (project: docs/protocols.md once written).
 *
 *   c = AES-GCM_K(message)    ek = Enc_T(K, label)
 *   EOO = Sig_S{eoo, ..., hashCipher: h(c), escrow: h(ek), keyCommit: h(K)}   S -> R (with c, ek)
 *   EOR = Sig_R{eor, eoo: H(EOO)}                                             R -> S
 *   EOK = Sig_S{eok, eoo: H(EOO), key: K}                                     S -> R
 *   resolve (R only, after EOR):  ABORTED => the stored AT; else T opens ek and checks h(K) = keyCommit:
 *                                 valid => RESOLVED, CON (key to R, EOR to S); bogus => AF "escrow-invalid"
 *   abort (S only, no EOR):       NONE => ABORTED, AT; else the stored CON (with EOR) or AF
 *
 * One exchange. Crypto is perfect: a message is a symbol, only its signer can make it; the network adversary
 * delivers (any number of times, in any order) or withholds what it has seen, plus messages kept from an earlier
 * exchange between the same parties (OLD_EOR: R's receipt for another EOO; OLD_EOK: the key of another exchange,
 * which does not open keyCommit). A dishonest S may escrow a bogus key (escrowOK = 0: ek does not hold the K of
 * keyCommit; R cannot see it, only T can) and may release a bad key (EOK_BAD).
 *
 * Mutants (spin -D<NAME>), each the real model with one rule removed:
 *   MUTANT_SPLIT_CHECK          T's two workers check and set the state in two steps           -> excl, fair_s, fair_r
 *   MUTANT_RESOLVE_AFTER_ABORT  T opens the escrow for a resolve on an ABORTED exchange          -> excl, fair_s
 *   MUTANT_NO_KEYCOMMIT         T releases the escrowed key without checking h(K) = keyCommit   -> fair_r
 *   MUTANT_EOR_UNBOUND          S accepts an EOR not bound to H(EOO) (a replayed one)          -> fair_s
 *   MUTANT_KEY_UNCHECKED        R takes an EOK without checking h(K) = keyCommit                -> fair_r
 */

mtype = { EOO, EOR, OLD_EOR, EOK, EOK_BAD, OLD_EOK, ABORT, RESOLVE };
mtype = { NONE, ABORTED, RESOLVED, AFFIDAVIT };

/* Network S <-> R: the adversary owns it. A party "sends" by handing the message to the adversary (kn_*);
 * the adversary delivers into the receiver's one-slot buffer whatever it knows, as often as it likes (one slot
 * takes no power from it: an unexpected message stays unread, as if withheld). */
chan toS = [1] of { mtype };
chan toR = [1] of { mtype };
bit kn_eoo, kn_eor, kn_eok, kn_eokbad;

/* Channels to T: reliable, possibly delayed; one per party (each request is its own connection to T). */
chan reqS = [1] of { mtype };
chan reqR = [1] of { mtype };

/* T's durable state for the one exchange id X = H(EOO) (AFFIDAVIT = resolved with the finding
 * "escrow-invalid"), and what T ever signed. */
mtype tstate = NONE;
bit issuedAT, issuedCON, issuedAF;
bit escrowOK = 1;                   /* ek holds the K whose hash is keyCommit */

/* What each party holds (monotone). */
bit s_eor, s_at, s_con, s_af;       /* honest S: EOR received (or in CON); AT, CON, AF */
bit r_key, r_at, r_con, r_af;       /* honest R: a K that opens keyCommit; AT, CON, AF */
bit started, honestS, honestR, s_done, r_done;   /* started: the roles are chosen */

/* The judge. Every T token is in T's transparency log, so the court sees an AT or AF whoever holds it.
 * Proof of receipt (for S) = EOR (S can always show the K it committed to) and no AT (it voids the EOR) and no AF
 * (the EOR is void: the escrow was bogus). R has the message = a K with h(K) = keyCommit: from a valid EOK, or
 * from T's CON (which holds the escrowed key, valid iff the escrow was). A dishonest party holds whatever the
 * adversary has seen on the network. */
#define S_RECEIPT (((honestS && s_eor) || (!honestS && kn_eor) || s_con) && !issuedAT && !issuedAF)
#define R_MESSAGE ((honestR && r_key) || (!honestR && kn_eok) || (r_con && escrowOK))

/* A worker of T (one per party connection: T serves requests concurrently, like replicas on one database). The
 * decision is one atomic check-and-set on the stored state (a database transaction in the service); the reply
 * is the stored token, whatever the request was. */
inline reply(who) {
  if
  :: who == 0 && tstate == ABORTED   -> s_at = 1
  :: who == 0 && tstate == RESOLVED  -> s_con = 1; s_eor = 1          /* CON carries R's EOR */
  :: who == 0 && tstate == AFFIDAVIT -> s_af = 1
  :: who == 1 && tstate == ABORTED   -> r_at = 1
  :: who == 1 && tstate == RESOLVED  -> r_con = 1; r_key = escrowOK   /* R checks the released K too */
  :: who == 1 && tstate == AFFIDAVIT -> r_af = 1
  fi
}

/* DECISION groups a request's check-and-set and reply into one indivisible step; the split mutant drops that. */
#ifdef MUTANT_SPLIT_CHECK
#define DECISION
#else
#define DECISION atomic
#endif

proctype T(chan req; bit who) {
  mtype seen = NONE;
end:
  do
  :: DECISION { req?ABORT ->
       if
       :: who == 1 -> skip                              /* abort by the recipient: rejected */
       :: else ->
          seen = tstate;                                /* check ... */
          if
          :: seen == NONE -> tstate = ABORTED; issuedAT = 1       /* ... and set */
          :: else -> skip
          fi;
          reply(who)
       fi;
       seen = NONE
     }
  :: DECISION { req?RESOLVE ->
       if
       :: who == 0 -> skip                              /* resolve by the sender: rejected */
       :: else ->
          seen = tstate;
          if
          :: seen == NONE && escrowOK -> tstate = RESOLVED; issuedCON = 1   /* ek opens, h(K) = keyCommit */
#ifdef MUTANT_NO_KEYCOMMIT
          :: seen == NONE && !escrowOK -> tstate = RESOLVED; issuedCON = 1
#else
          :: seen == NONE && !escrowOK -> tstate = AFFIDAVIT; issuedAF = 1  /* bogus escrow: affidavit */
#endif
#ifdef MUTANT_RESOLVE_AFTER_ABORT
          :: seen == ABORTED -> tstate = RESOLVED; issuedCON = 1
#endif
          :: else -> skip
          fi;
          reply(who)
       fi;
       seen = NONE
     }
  od
}

/* The network adversary: drops (never delivers), duplicates and replays (delivers again), reorders (any order),
 * and replays OLD_EOR and OLD_EOK from an earlier exchange. It cannot make a signed message it has not seen. It
 * delivers to honest parties only: a dishonest party is the adversary's accomplice and knows all it knows. */
active proctype Adversary() {
end:
  do
  :: honestR && kn_eoo -> toR!EOO
  :: honestS && kn_eor -> toS!EOR
  :: honestS -> toS!OLD_EOR
  :: honestR && kn_eok -> toR!EOK
  :: honestR && kn_eokbad -> toR!EOK_BAD
  :: honestR -> toR!OLD_EOK
  od
}

/* Honest parties. A local timeout may fire at any time (a message that comes too late is one that was dropped).
 * They take only the message they expect (random receive ??), checked: anything else stays unread. */
proctype HonestS() {
  kn_eoo = 1;                                           /* S -> R: EOO, c, ek (a valid escrow) */
  if
  :: toS??EOR -> s_eor = 1; kn_eok = 1                  /* EOR signed by R, bound to H(EOO): release K */
#ifdef MUTANT_EOR_UNBOUND
  :: toS??OLD_EOR -> kn_eok = 1                         /* taken without checking eor.eoo = H(EOO) */
#endif
  :: true -> reqS!ABORT; (s_at || s_con || s_af)        /* no EOR in time: abort */
  fi;
  s_done = 1
}

proctype HonestR() {
  if
  :: toR??EOO ->                                        /* EOO signed by S, h(c) and h(ek) match */
     kn_eor = 1;                                        /* R -> S: EOR */
     if
     :: toR??EOK -> r_key = 1                           /* h(K) = keyCommit: the message opens */
#ifdef MUTANT_KEY_UNCHECKED
     :: toR??EOK_BAD -> skip                            /* taken without checking keyCommit */
     :: toR??OLD_EOK -> skip
#endif
     :: true -> reqR!RESOLVE; (r_at || r_con || r_af)   /* no valid key in time: resolve */
     fi
  :: true -> skip                                       /* no EOO: there is no exchange */
  fi;
  r_done = 1
}

/* Dishonest parties: at every point they may stop (the loop is a valid end state), send anything they can sign
 * (once is enough: the adversary replays it), abort or resolve again and again whenever their knowledge allows
 * (also what the protocol forbids them: T must refuse it), and go on after T's answer. */
proctype DishonestS() {
end:
  do
  :: !kn_eoo -> kn_eoo = 1
  :: kn_eoo && !kn_eok -> kn_eok = 1                    /* release K, before or after the EOR */
  :: kn_eoo && !kn_eokbad -> kn_eokbad = 1
  :: kn_eoo -> reqS!ABORT
  :: kn_eoo -> reqS!RESOLVE
  od
}

proctype DishonestR() {
end:
  do
  :: kn_eoo && !kn_eor -> kn_eor = 1
  :: kn_eoo -> reqR!RESOLVE                             /* R can make the EOR itself */
  :: kn_eoo -> reqR!ABORT
  od
}

init {
  atomic {
    run T(reqS, 0);
    run T(reqR, 1);
    if
    :: honestS = 1; honestR = 1; run HonestS();    run HonestR()
    :: honestS = 1;              run HonestS();    run DishonestR()
    ::              honestR = 1; run DishonestS(); run HonestR();
       if :: escrowOK = 1 :: escrowOK = 0 fi            /* the dishonest sender chooses its escrow */
    ::                           run DishonestS(); run DishonestR();  /* colluding: T must still be exclusive */
       if :: escrowOK = 1 :: escrowOK = 0 fi
    fi;
    started = 1
  }
}

/* Exclusivity: T never signs both an abort token and a resolution (key release or affidavit) for the exchange. */
ltl excl   { [] !(issuedAT && (issuedCON || issuedAF)) }
/* Fairness: once an honest party has finished (its holdings are final), the other side holding the message
 * (resp. a receipt that stands in court) implies it holds the receipt (resp. the message) too. A receipt voided
 * by an AT or AF does not stand, so "holds an AT or an affidavit" is covered where it is usable. */
ltl fair_s { [] ((honestS && s_done && R_MESSAGE) -> S_RECEIPT) }
ltl fair_r { [] ((honestR && r_done && S_RECEIPT) -> R_MESSAGE) }
/* Timeliness: every honest party finishes (checked with weak fairness: pan -a -f). */
ltl timely { <> (started && (!honestS || s_done) && (!honestR || r_done)) }
/* Witnesses that the model is not vacuous: each of these is expected to FAIL (the outcome is reachable). */
ltl reach_optimistic { [] !(honestS && honestR && s_eor && r_key && tstate == NONE) }
ltl reach_abort      { [] !(honestS && s_done && s_at) }
ltl reach_resolve    { [] !(honestR && r_done && r_con && r_key && honestS && s_done && s_con) }
ltl reach_affidavit  { [] !(honestR && r_done && r_af) }
