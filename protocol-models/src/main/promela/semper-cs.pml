/*
 * semper-cs/1: optimistic contract signing (originator O, responder R, notary T).
 * Source of the rules: ../shared/design/protocols.md section 1 (project: docs/protocols.md once written).
 *
 *   me1 = Sig_O{me1, ..., commitO: h(N_O)}         O -> R
 *   me2 = Sig_R{me2, me1: H(me1), commitR: h(N_R)} R -> O
 *   me3 = Sig_O{me3, me1: H(me1), nonceO: N_O, commitR}   O -> R
 *   me4 = Sig_R{me4, me1: H(me1), nonceR: N_R, commitO}   R -> O
 *   abort (O only):   ma1 -> T: NONE => ABORTED, AT;  else the stored token
 *   resolve (O or R): me1, me2, mr -> T: NONE => RESOLVED, RC;  else the stored token
 *
 * One exchange. Crypto is perfect: a message is a symbol, only its signer can make it, so the network adversary
 * can only deliver (any number of times, in any order) or withhold what it has seen, plus the messages it kept
 * from an earlier exchange between the same parties (OLD_ME3: a valid me3 of another exchange, whose nonce does
 * not open this exchange's commitO). A "bad" message is one a dishonest signer made with a wrong value in it
 * (ME3BAD: nonce that does not open commitO; ME4BAD: nonce that does not open commitR).
 *
 * Mutants (spin -D<NAME>), each the real model with one rule removed:
 *   MUTANT_SPLIT_CHECK          T's two workers read the state and write it in two steps  -> excl, fair_o
 *   MUTANT_ABORT_AFTER_RESOLVE  T turns a RESOLVED exchange into ABORTED on an abort      -> excl, fair_o, fair_r
 *   MUTANT_ME3_UNBOUND          R accepts a me3 whose nonce is not bound to commitO/H(me1) -> fair_r
 *   MUTANT_ABORT_BY_RESPONDER   T accepts an abort request signed by R                     -> fair_o
 *   MUTANT_SILENT_CONFLICT      T answers an abort on a RESOLVED exchange with an error    -> timely
 *                               and no token (the honest O is left waiting)
 */

mtype = { ME1, ME2, ME3, ME3BAD, OLD_ME3, ME4, ME4BAD, ABORT, RESOLVE };
mtype = { NONE, ABORTED, RESOLVED };

/* Network O <-> R: the adversary owns it. A party "sends" by handing the message to the adversary (kn_*);
 * the adversary delivers into the receiver's one-slot buffer whatever it knows, as often as it likes. One slot
 * takes no power from the adversary: an honest party leaves an unexpected message unread, which blocks the
 * slot, and the adversary could as well have withheld it. */
chan toO = [1] of { mtype };
chan toR = [1] of { mtype };
bit kn_me1, kn_me2, kn_me3, kn_me3bad, kn_me4, kn_me4bad;

/* Channels to T: reliable, possibly delayed; one per party (each request is its own connection to T). */
chan reqO = [1] of { mtype };
chan reqR = [1] of { mtype };

/* T's durable state for the one exchange id X = H(me1), and what T ever signed. */
mtype tstate = NONE;
bit issuedAT, issuedRC;

/* What each party holds (monotone). */
bit o_me4ok, o_at, o_rc;            /* honest O: a valid me4 received; AT, RC */
bit r_me3ok, r_at, r_rc;            /* honest R: a valid me3 received; AT, RC */
bit started, honestO, honestR, o_done, r_done;   /* started: the roles are chosen */

/* The judge (rules 1-3): a standard contract me1..me4 or an RC binds both parties. O can always add its own me3
 * once it holds me2, so O's standard contract = me2 and a valid me4; R's = a valid me3 (me4 is its own). A
 * dishonest party holds whatever the adversary has seen on the network. */
#define O_CONTRACT ((honestO && o_me4ok) || (!honestO && kn_me4) || o_rc)
#define R_CONTRACT ((honestR && r_me3ok) || (!honestR && kn_me3) || r_rc)

/* A worker of T (one per party connection: T serves requests concurrently, like replicas on one database). The
 * decision is one atomic check-and-set on the stored state (a database transaction in the service); the reply
 * is the stored token, whatever the request was. */
inline reply(who) {
  if
  :: who == 0 && tstate == ABORTED  -> o_at = 1
  :: who == 0 && tstate == RESOLVED -> o_rc = 1
  :: who == 1 && tstate == ABORTED  -> r_at = 1
  :: who == 1 && tstate == RESOLVED -> r_rc = 1
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
#ifndef MUTANT_ABORT_BY_RESPONDER
       :: who == 1 -> skip                              /* abort by the responder: rejected (problem+json) */
#endif
       :: else ->
          seen = tstate;                                /* check ... */
          if
          :: seen == NONE -> tstate = ABORTED; issuedAT = 1     /* ... and set */
#ifdef MUTANT_ABORT_AFTER_RESOLVE
          :: seen == RESOLVED -> tstate = ABORTED; issuedAT = 1
#endif
          :: else -> skip
          fi;
#ifdef MUTANT_SILENT_CONFLICT
          if :: tstate == RESOLVED -> skip :: else -> reply(who) fi
#else
          reply(who)
#endif
       fi;
       seen = NONE
     }
  :: DECISION { req?RESOLVE ->
       seen = tstate;
       if
       :: seen == NONE -> tstate = RESOLVED; issuedRC = 1
       :: else -> skip
       fi;
       reply(who);
       seen = NONE
     }
  od
}

/* The network adversary: drops (never delivers), duplicates and replays (delivers again), reorders (any order),
 * and replays OLD_ME3 from an earlier exchange. It cannot make a signed message it has not seen. It delivers to
 * honest parties only: a dishonest party is the adversary's accomplice and knows all it knows (kn_*). */
active proctype Adversary() {
end:
  do
  :: honestR && kn_me1 -> toR!ME1
  :: honestO && kn_me2 -> toO!ME2
  :: honestR && kn_me3 -> toR!ME3
  :: honestR && kn_me3bad -> toR!ME3BAD
  :: honestR -> toR!OLD_ME3
  :: honestO && kn_me4 -> toO!ME4
  :: honestO && kn_me4bad -> toO!ME4BAD
  od
}

/* Honest parties. A local timeout may fire at any time (a message that comes too late is one that was dropped).
 * They take only the message they expect (random receive ??), checked: anything else stays unread. */
proctype HonestO() {
  kn_me1 = 1;                                           /* O -> R: me1 */
  if
  :: toO??ME2 ->                                        /* me2 bound to H(me1), signed by the responder */
     kn_me3 = 1;                                        /* O -> R: me3 */
     if
     :: toO??ME4 -> o_me4ok = 1                          /* h(nonceR) = commitR: standard contract */
     :: true -> reqO!RESOLVE; (o_at || o_rc)             /* R stopped after me2: resolve */
     fi
  :: true -> reqO!ABORT; (o_at || o_rc)                  /* no me2 in time: abort */
  fi;
  o_done = 1
}

proctype HonestR() {
  if
  :: toR??ME1 ->
     kn_me2 = 1;                                        /* R -> O: me2 */
     if
     :: toR??ME3 -> r_me3ok = 1; kn_me4 = 1               /* h(nonceO) = commitO, bound to H(me1): me4 */
#ifdef MUTANT_ME3_UNBOUND
     :: toR??ME3BAD -> kn_me4 = 1                         /* accepted without checking the commitment */
     :: toR??OLD_ME3 -> kn_me4 = 1
#endif
     :: true -> reqR!RESOLVE; (r_at || r_rc)             /* O stopped after me2: resolve */
     fi
  :: true -> skip                                       /* no me1: there is no exchange */
  fi;
  r_done = 1
}

/* Dishonest parties: at every point they may stop (the loop is a valid end state), send anything they can sign
 * (once is enough: the adversary replays it), abort or resolve again and again whenever their knowledge allows,
 * and go on after T's answer. What they know is what the adversary knows. */
proctype DishonestO() {
end:
  do
  :: !kn_me1 -> kn_me1 = 1
  :: kn_me2 && !kn_me3 -> kn_me3 = 1                    /* me3 needs commitR from me2 */
  :: kn_me1 && !kn_me3bad -> kn_me3bad = 1
  :: kn_me1 -> reqO!ABORT
  :: kn_me2 -> reqO!RESOLVE
  od
}

proctype DishonestR() {
end:
  do
  :: kn_me1 && !kn_me2 -> kn_me2 = 1
  :: kn_me1 && !kn_me4 -> kn_me4 = 1                    /* me4 needs only commitO from me1 */
  :: kn_me1 && !kn_me4bad -> kn_me4bad = 1
  :: kn_me1 -> reqR!RESOLVE                             /* R can make me2 itself */
  :: kn_me1 -> reqR!ABORT                               /* not allowed to R: T must refuse it */
  od
}

init {
  atomic {
    run T(reqO, 0);
    run T(reqR, 1);
    if
    :: honestO = 1; honestR = 1; run HonestO();    run HonestR()
    :: honestO = 1;              run HonestO();    run DishonestR()
    ::              honestR = 1; run DishonestO(); run HonestR()
    ::                           run DishonestO(); run DishonestR()   /* colluding: T must still be exclusive */
    fi;
    started = 1
  }
}

/* Exclusivity: T never signs both an abort token and a resolve token for the exchange. */
ltl excl   { [] !(issuedAT && issuedRC) }
/* Fairness: once an honest party has finished (its holdings are final), the other side holding a contract
 * implies it holds one too. (Stronger than "holds the contract, an AT or an affidavit": an AT held while the
 * other side has a contract counts as a violation here.) */
ltl fair_o { [] ((honestO && o_done && R_CONTRACT) -> O_CONTRACT) }
ltl fair_r { [] ((honestR && r_done && O_CONTRACT) -> R_CONTRACT) }
/* Timeliness: every honest party finishes (checked with weak fairness: pan -a -f). */
ltl timely { <> (started && (!honestO || o_done) && (!honestR || r_done)) }
/* Witnesses that the model is not vacuous: each of these is expected to FAIL (the outcome is reachable). */
ltl reach_optimistic { [] !(honestO && honestR && o_me4ok && r_me3ok && tstate == NONE) }
ltl reach_abort      { [] !(honestO && honestR && o_done && r_done && o_at && r_at) }
ltl reach_resolve    { [] !(honestO && o_done && o_rc && !o_me4ok) }
