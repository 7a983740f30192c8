/* syllabus: the Greek stemmer for search: Snowball's greek algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built.
 *
 * rust-stemmers has the first (2018) version of greek.sbl. Against today's version:
 *  - step s3 deletes -ισα/-ισες/... and then, when just "ισα" is left (ισαισα, ισαισες,
 *    ισαίσαμε, ... also after an earlier step cut -ιζα etc.), rewrites a slice that is no
 *    longer there: rust-stemmers PANICS on such words ("end byte index ... out of
 *    bounds"). Snowball fixed it in 2025 (ισα now stems to ισ). A Rust caller gets no stem
 *    for them, so here such a word comes back exactly as given (see FAULTY below); the
 *    index side should do the same;
 *  - step 5a's first rule rewrites whatever slice the earlier steps left (today's version
 *    sets it); this port keeps the crate's bra/ket bookkeeping, so "αγαμειζα" gives
 *    "αγαμεαγαμ" as the crate does.
 * Quirks both versions share and this port keeps: tolower turns "ϊ" and "ΐ" into "η";
 * in steps 4, 5b and 5c the exception list is looked up after the "or" (see orThenWhole).
 * The whole algorithm works backwards from the end of the word; most steps delete a
 * suffix and then, if what is left is exactly a word of an exception list ("atlimit"),
 * put part of the suffix back. */
(function (stemmers) {
  'use strict';

  // A word is held as an array of characters (code points), as Rust's chars() sees it.
  function chars(s) {
    return s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) || [];
  }

  function table(words) {
    var t = { max: 0, has: Object.create(null) };
    words.split(' ').forEach(function (w) {
      t.has[w] = true;
      t.max = Math.max(t.max, w.length);
    });
    return t;
  }

  // Where rust-stemmers 1.2.0 would slice out of bounds (and panic).
  var FAULTY = {};

  // The Snowball machine, backwards mode: e.s the word, e.c the cursor, e.lb the backward
  // limit (always 0 here), [e.bra, e.ket) the slice. Lengths are in characters.

  // Rust's replace_s: splice, then move the cursor as Snowball does.
  function replace(e, bra, ket, add) {
    if (bra > e.s.length || ket > e.s.length) throw FAULTY;
    var adj = add.length - (ket - bra);
    e.s = e.s.slice(0, bra).concat(add, e.s.slice(ket));
    if (e.c >= ket) e.c += adj;
    else if (e.c > bra) e.c = bra;
    return adj;
  }

  function from(e, text) { replace(e, e.bra, e.ket, chars(text)); } // <- 'text'
  function del(e) { replace(e, e.bra, e.ket, []); } // delete

  // insert at the cursor, which stays before the inserted text; bra/ket move along
  function insert(e, add) {
    var c = e.c, adj = replace(e, c, c, add);
    if (c <= e.bra) e.bra += adj;
    if (c <= e.ket) e.ket += adj;
    e.c = c;
  }

  // "-> s <- 'text' insert s": the slice becomes itself followed by text
  function append(e, text) {
    if (e.bra > e.ket || e.ket > e.s.length) throw FAULTY;
    var slice = e.s.slice(e.bra, e.ket);
    if (!slice.length) return false;
    from(e, text);
    insert(e, slice);
    return true;
  }

  // "substring among (...)": the longest entry of t ending at the cursor, or ''; "]" after
  function find(e, t) {
    for (var n = Math.min(t.max, e.c - e.lb); n > 0; n--) {
      var w = e.s.slice(e.c - n, e.c).join('');
      if (t.has[w]) {
        e.c -= n;
        e.bra = e.c;
        return w;
      }
    }
    return '';
  }

  // "[substring] among (...)"
  function sub(e, t) {
    e.ket = e.c;
    return find(e, t);
  }

  // the same, but what precedes the entry must be the start of the word ("atlimit")
  function whole(e, t) {
    return sub(e, t) !== '' && e.c <= e.lb;
  }

  // a literal just before the cursor
  function eq(e, text) {
    var n = text.length;
    if (e.c - e.lb < n || e.s.slice(e.c - n, e.c).join('') !== text) return false;
    e.c -= n;
    return true;
  }

  // "['text']"
  function lit(e, text) {
    e.ket = e.c;
    if (!eq(e, text)) return false;
    e.bra = e.c;
    return true;
  }

  // "[v]" / "[v2]": one vowel of the group
  function vowel(e, group) {
    e.ket = e.c;
    if (e.c <= e.lb || group.indexOf(e.s[e.c - 1]) < 0) return false;
    e.c--;
    e.bra = e.c;
    return true;
  }
  var V = 'αεηιουω', V2 = 'αεηιοω';

  // tolower: capitals and accented letters, final sigma; note ϊ ΐ -> η (sic)
  var LOWER = Object.create(null);
  ('σςΣ αΆΑά εΈΕέ ηΉϊΐΗή ιΊΙΪί υϋύΎΥΫΰ οΌόΟ ωώΏΩ βΒ γΓ δΔ ζΖ θΘ κΚ λΛ μΜ νΝ ξΞ πΠ ρΡ ' +
    'τΤ φΦ χΧ ψΨ').split(' ').forEach(function (set) {
    for (var i = 1; i < set.length; i++) LOWER[set.charAt(i)] = set.charAt(0);
  });

  // step 1: irregular nouns, to a fixed stem
  var STEP1 = {
    'φα': 'φαγια φαγιου φαγιων', 'σκα': 'σκαγια σκαγιου σκαγιων',
    'ολο': 'ολογιου ολογια ολογιων', 'σο': 'σογιου σογια σογιων',
    'τατο': 'τατογια τατογιου τατογιων', 'κρε': 'κρεασ κρεατοσ κρεατα κρεατων',
    'περ': 'περασ περατοσ περατη περατα περατων', 'τερ': 'τερασ τερατοσ τερατα τερατων',
    'φω': 'φωσ φωτοσ φωτα φωτων', 'καθεστ': 'καθεστωσ καθεστωτοσ καθεστωτα καθεστωτων',
    'γεγον': 'γεγονοσ γεγονοτοσ γεγονοτα γεγονοτων'
  };
  var STEP1_TO = Object.create(null);
  Object.keys(STEP1).forEach(function (stem) {
    STEP1[stem].split(' ').forEach(function (w) { STEP1_TO[w] = stem; });
  });
  var STEP1_T = table(Object.keys(STEP1_TO).join(' '));

  var T = {
    s1: table('ιζα ιζεσ ιζε ιζαμε ιζατε ιζαν ιζανε ιζω ιζεισ ιζει ιζουμε ιζετε ιζουν ιζουνε'),
    s1a: table('αναμπα εμπα επα ξαναπα πα περιπα αθρο συναθρο δανε'),
    s1b: table('μαρκ κορν αμπαρ αρρ βαθυρι βαρκ β βολβορ γκρ γλυκορ γλυκυρ ιμπ λ λου μαρ ' +
      'μ πρ μπρ πολυρ π ρ πιπερορ'),
    s2: table('ωθηκα ωθηκεσ ωθηκε ωθηκαμε ωθηκατε ωθηκαν ωθηκανε'),
    s2a: table('αλ βι εν υψ λι ζω σ χ'),
    s3: table('ισα ισεσ ισε ισαμε ισατε ισαν ισανε'),
    s3a: table('αναμπα αθρο εμπα εσε εσωκλε επα ξαναπα επε περιπα συναθρο δανε κλε ' +
      'χαρτοπα εξαρχα μετεπε αποκλε απεκλε εκλε πε'),
    s3b: table('αν αφ γε γιγαντοαφ γκε δημοκρατ κομ γκ μ π πουκαμ ολο λαρ'),
    s4: table('ισω ισεισ ισει ισουμε ισετε ισουν ισουνε'),
    s4a: table('αναμπα εμπα εσε εσωκλε επα ξαναπα επε περιπα αθρο συναθρο δανε κλε ' +
      'χαρτοπα εξαρχα μετεπε αποκλε απεκλε εκλε πε'),
    s5: table('ιστοσ ιστου ιστο ιστε ιστοι ιστων ιστουσ ιστη ιστησ ιστα ιστεσ'),
    s5a: table('δανε συναθρο κλε σε εσωκλε ασε πλε'),
    s5b: table('μ π απ αρ ηδ κτ σκ σχ υψ φα χρ χτ ακτ αορ ασχ ατα αχν αχτ γεμ γυρ εμπ ' +
      'ευπ εχθ ηφα καθ κακ κυλ λυγ μακ μεγ ταχ φιλ χωρ'),
    s6: table('ισμο ισμοι ισμοσ ισμου ισμουσ ισμων'),
    s6a: table('σε μετασε μικροσε εγκλε αποκλε'),
    s6b: table('δανε αντιδανε'),
    s6c: table('αγνωστικ ατομικ γνωστικ εθνικ εκλεκτικ σκεπτικ τοπικ αλεξανδριν ' +
      'βυζαντιν θεατριν'),
    s7: table('αρακι αρακια ουδακι ουδακια'),
    s7a: table('σ χ'),
    s8: table('ακι ακια ιτσα ιτσασ ιτσεσ ιτσων αρακι αρακια'),
    s8a: table('βαμβ βρ καιμ κον κορ λαβρ λουλ μερ μουστ ναγκασ πλ ρ ρυ σ σκ σοκ σπαν ' +
      'τζ φαρμ χ καπακ αλισφ αμβρ ανθρ κ φυλ κατραπ κλιμ μαλ σλοβ φ σφ τσεχοσλοβ'),
    s8b: table('β βαλ γιαν γλ ζ ηγουμεν καρδ κον μακρυν νυφ πατερ π σκ τοσ τριπολ'),
    s9: table('ιδιο ιδια ιδιων'),
    s9a: table('αιφν ιρ ολο ψαλ'),
    s9b: table('ε παιχν'),
    s10: table('ισκοσ ισκου ισκο ισκε'),
    s10a: table('δ ιβ μην ρ φραγκ λυκ οβελ'),
    s2a_: table('αδεσ αδων'),
    s2aNot: table('οκ μαμ μαν μπαμπ πατερ γιαγι νταντ κυρ θει πεθερ'),
    s2b_: table('εδεσ εδων'),
    s2bA: table('οπ ιπ εμπ υπ γηπ δαπ κρασπ μιλ'),
    s2c_: table('ουδεσ ουδων'),
    s2cA: table('αρκ καλιακ πεταλ λιχ πλεξ σκ σ φλ φρ βελ λουλ χν σπ τραγ φε'),
    s2d_: table('εωσ εων'),
    s2dA: table('θ δ ελ γαλ ν π ιδ παρ'),
    s3_: table('ια ιου ιων'),
    s4_: table('ικα ικο ικου ικων'),
    s4A: table('αλ αδ ενδ αμαν αμμοχαλ ηθ ανηθ αντιδ φυσ βρωμ γερ εξωδ καλπ καλλιν καταδ ' +
      'μουλ μπαν μπαγιατ μπολ μποσ νιτ ξικ συνομηλ πετσ πιτσ πικαντ πλιατσ ποστελν ' +
      'πρωτοδ σερτ συναδ τσαμ υποδ φιλον φυλοδ χασ'),
    s5a_: table('αγαμε ησαμε ουσαμε ηκαμε ηθηκαμε'),
    s5aA: table('αναπ αποθ αποκ αποστ βουβ ξεθ ουλ πεθ πικρ ποτ σιχ χ'),
    s5b_: table('αγανε ησανε ουσανε ιοντανε ιοτανε ιουντανε οντανε οτανε ουντανε ηκανε ' +
      'ηθηκανε'),
    s5bA: table('τρ τσ'),
    s5bB: table('βετερ βουλκ βραχμ γ δραδουμ θ καλπουζ καστελ κορμορ λαοπλ μωαμεθ μ ' +
      'μουσουλμ ν ουλ π πελεκ πλ πολισ πορτολ σαρακατσ σουλτ τσαρλατ ορφ τσιγγ τσοπ ' +
      'φωτοστεφ χ ψυχοπλ αγ γαλ γερ δεκ διπλ αμερικαν ουρ πιθ πουριτ σ ζωντ ικ καστ ' +
      'κοπ λιχ λουθηρ μαιντ μελ σιγ σπ στεγ τραγ τσαγ φ ερ αδαπ αθιγγ αμηχ ανικ ' +
      'ανοργ απηγ απιθ ατσιγγ βασ βασκ βαθυγαλ βιομηχ βραχυκ διατ διαφ ενοργ θυσ ' +
      'καπνοβιομηχ καταγαλ κλιβ κοιλαρφ λιβ μεγλοβιομηχ μικροβιομηχ νταβ ξηροκλιβ ' +
      'ολιγοδαμ ολογαλ πενταρφ περηφ περιτρ πλατ πολυδαπ πολυμηχ στεφ ταβ τετ υπερηφ ' +
      'υποκοπ χαμηλοδαπ ψηλοταβ'),
    s5c_: table('ησετε'),
    s5cA: table('οδ αιρ φορ ταθ διαθ σχ ενδ ευρ τιθ υπερθ ραθ ενθ ροθ σθ πυρ αιν συνδ ' +
      'συν συνθ χωρ πον βρ καθ ευθ εκθ νετ ρον αρκ βαρ βολ ωφελ'),
    s5cB: table('αβαρ βεν εναρ αβρ αδ αθ αν απλ βαρον ντρ σκ κοπ μπορ νιφ παγ παρακαλ ' +
      'σερπ σκελ συρφ τοκ υ δ εμ θαρρ θ'),
    s5d_: table('οντασ ωντασ'),
    s5e_: table('ομαστε ιομαστε'),
    s5fA: table('π απ συμπ ασυμπ ακαταπ αμεταμφ'),
    s5fB: table('αλ αρ εκτελ ζ μ ξ παρακαλ προ νισ'),
    s5g_: table('ηθηκα ηθηκεσ ηθηκε'),
    s5g: table('ηκα ηκεσ ηκε'),
    s5gA: table('σκωλ σκουλ ναρθ σφ οθ πιθ'),
    s5gB: table('διαθ θ παρακαταθ προσθ συνθ'),
    s5h_: table('ουσα ουσεσ ουσε'),
    s5hA: table('ποδαρ βλεπ πανταχ φρυδ μαντιλ μαλλ κυματ λαχ ληγ φαγ ομ πρωτ'),
    s5hB: table('φαρμακ χαδ αγκ αναρρ βρομ εκλιπ λαμπιδ λεχ μ πατ ρ λ μεδ μεσαζ ' +
      'υποτειν αμ αιθ ανηκ δεσποζ ενδιαφερ δε δευτερευ καθαρευ πλε τσα'),
    s5i_: table('αγα αγεσ αγε'),
    s5iNot: table('ψοφ ναυλοχ'),
    s5iA: table('οφ πελ χορτ λλ σφ ρπ φρ πρ λοχ σμην'),
    s5iB: table('αβαστ πολυφ αδηφ παμφ ρ ασπ αφ αμαλ αμαλλι ανυστ απερ ασπαρ αχαρ ' +
      'δερβεν δροσοπ ξεφ νεοπ νομοτ ολοπ ομοτ προστ προσωποπ συμπ συντ τ υποτ χαρ ' +
      'αειπ αιμοστ ανυπ αποτ αρτιπ διατ εν επιτ κροκαλοπ σιδηροπ λ ναυ ουλαμ ουρ π ' +
      'τρ μ'),
    s5j_: table('ησε ησου ησα'),
    s5jA: table('ν χερσον δωδεκαν ερημον μεγαλον επταν'),
    s5k_: table('ηστε'),
    s5kA: table('ασβ σβ αχρ χρ απλ αειμν δυσχρ ευχρ κοινοχρ παλιμψ'),
    s5l_: table('ουνε ησουνε ηθουνε'),
    s5lA: table('ν ρ σπι στραβομουτσ κακομουτσ εξων'),
    s5m_: table('ουμε ησουμε ηθουμε'),
    s5mA: table('παρασουσ φ χ ωριοπλ αζ αλλοσουσ ασουσ'),
    mata: table('ματα ματων ματοσ'),
    end6: table('α αγατε αγαν αει αμαι αν ασ ασαι αται αω ε ει εισ ειτε εσαι εσ εται ι ' +
      'ιεμαι ιεμαστε ιεται ιεσαι ιεσαστε ιομασταν ιομουν ιομουνα ιονταν ιοντουσαν ' +
      'ιοσασταν ιοσαστε ιοσουν ιοσουνα ιοταν ιουμα ιουμαστε ιουνται ιουνταν η ηδεσ ' +
      'ηδων ηθει ηθεισ ηθειτε ηθηκατε ηθηκαν ηθουν ηθω ηκατε ηκαν ησ ησαν ησατε ' +
      'ησει ησεσ ησουν ησω ο οι ομαι ομασταν ομουν ομουνα ονται ονταν οντουσαν οσ ' +
      'οσασταν οσαστε οσουν οσουνα οταν ου ουμαι ουμαστε ουν ουνται ουνταν ουσ ' +
      'ουσαν ουσατε υ υσ ω ων'),
    end7: table('εστερ εστατ οτερ οτατ υτερ υτατ ωτερ ωτατ')
  };

  // Each step below starts with the cursor at the end of the word; test1 stays set while
  // no step has taken a suffix, and step 6's general endings need it.
  var test1;

  // a step that deletes a suffix of `t` (unsetting test1), then tries `rest`
  function cut(e, t, rest) {
    if (sub(e, t) === '') return false;
    del(e);
    test1 = false;
    return rest ? rest() : true;
  }

  // "(first) or [substring] atlimit among (t) (-> s <- text insert s)" in steps 4, 5b, 5c:
  // Snowball binds "or" tighter than a sequence, so the "or" ends at "[" and the exception
  // list is then looked up after whatever `first` did (from where it left the cursor and
  // slice), or from the end when it failed.
  function orThenWhole(e, first, t, text) {
    var v = e.s.length - e.c;
    if (!first()) {
      e.c = e.s.length - v;
      e.ket = e.c;
    }
    return find(e, t) !== '' && e.c <= e.lb && append(e, text);
  }

  // "A or B or ...": each alternative starts from the same cursor
  function any(e) {
    var v = e.s.length - e.c;
    for (var i = 1; i < arguments.length; i++) {
      e.c = e.s.length - v;
      if (arguments[i]()) return true;
    }
    return false;
  }

  var STEPS = [
    function step1(e) {
      var w = sub(e, STEP1_T);
      if (w === '') return;
      from(e, STEP1_TO[w]);
      test1 = false;
    },
    function steps1(e) {
      cut(e, T.s1, function () {
        return any(e,
          function () { return whole(e, T.s1a) && append(e, 'ι'); },
          function () { return whole(e, T.s1b) && append(e, 'ιζ'); });
      });
    },
    function steps2(e) {
      cut(e, T.s2, function () { return whole(e, T.s2a) && append(e, 'ων'); });
    },
    function steps3(e) {
      cut(e, T.s3, function () {
        return any(e,
          // the crate's bug: the slice was just deleted (throws FAULTY)
          function () { return eq(e, 'ισα') && e.c <= e.lb && (from(e, 'ισ'), true); },
          function () { return whole(e, T.s3a) && append(e, 'ι'); },
          function () { return whole(e, T.s3b) && append(e, 'ισ'); });
      });
    },
    function steps4(e) {
      cut(e, T.s4, function () { return whole(e, T.s4a) && append(e, 'ι'); });
    },
    function steps5(e) {
      cut(e, T.s5, function () {
        return any(e,
          function () { return whole(e, T.s5a) && append(e, 'ι'); },
          function () { return whole(e, T.s5b) && append(e, 'ιστ'); });
      });
    },
    function steps6(e) {
      cut(e, T.s6, function () {
        return any(e,
          function () { return whole(e, T.s6a) && append(e, 'ισμ'); },
          function () { return whole(e, T.s6b) && append(e, 'ι'); },
          function () {
            var w = sub(e, T.s6c); // -ικ / -ιν go
            return w !== '' && (from(e, w.slice(0, -2)), true);
          });
      });
    },
    function steps7(e) {
      cut(e, T.s7, function () { return whole(e, T.s7a) && append(e, 'αρακ'); });
    },
    function steps8(e) {
      cut(e, T.s8, function () {
        return any(e,
          function () { return whole(e, T.s8a) && append(e, 'ακ'); },
          function () { return whole(e, T.s8b) && append(e, 'ιτσ'); },
          function () { return lit(e, 'κορ') && append(e, 'ιτσ'); });
      });
    },
    function steps9(e) {
      cut(e, T.s9, function () {
        return any(e,
          function () { return whole(e, T.s9a) && append(e, 'ιδ'); },
          function () { return sub(e, T.s9b) !== '' && append(e, 'ιδ'); });
      });
    },
    function steps10(e) {
      cut(e, T.s10, function () { return whole(e, T.s10a) && append(e, 'ισκ'); });
    },
    function step2a(e) { // no unset test1 in 2a, 2b, 2c
      if (sub(e, T.s2a_) === '') return;
      del(e);
      var v = e.s.length - e.c;
      if (sub(e, T.s2aNot) !== '') return;
      e.c = e.s.length - v;
      insert(e, ['α', 'δ']);
    },
    function step2b(e) {
      if (sub(e, T.s2b_) === '') return;
      del(e);
      if (sub(e, T.s2bA) !== '') append(e, 'εδ');
    },
    function step2c(e) {
      if (sub(e, T.s2c_) === '') return;
      del(e);
      if (sub(e, T.s2cA) !== '') append(e, 'ουδ');
    },
    function step2d(e) {
      cut(e, T.s2d_, function () { return whole(e, T.s2dA) && append(e, 'ε'); });
    },
    function step3(e) {
      cut(e, T.s3_, function () { return vowel(e, V) && append(e, 'ι'); });
    },
    function step4(e) {
      cut(e, T.s4_, function () {
        return orThenWhole(e, function () { return vowel(e, V) && append(e, 'ικ'); }, T.s4A, 'ικ');
      });
    },
    function step5a(e) {
      // the crate's version: rewrites the slice left by the steps before (not set here)
      if (eq(e, 'αγαμε') && e.c <= e.lb) from(e, 'αγαμ');
      e.c = e.s.length;
      cut(e, T.s5a_);
      e.c = e.s.length;
      if (!lit(e, 'αμε')) return;
      del(e);
      test1 = false;
      if (whole(e, T.s5aA)) append(e, 'αμ');
    },
    function step5b(e) {
      cut(e, T.s5b_, function () { return whole(e, T.s5bA) && append(e, 'αγαν'); });
      e.c = e.s.length;
      if (!lit(e, 'ανε')) return;
      del(e);
      test1 = false;
      orThenWhole(e, function () { return vowel(e, V2) && append(e, 'αν'); }, T.s5bB, 'αν');
    },
    function step5c(e) {
      cut(e, T.s5c_);
      e.c = e.s.length;
      if (!lit(e, 'ετε')) return;
      del(e);
      test1 = false;
      orThenWhole(e, function () {
        return any(e,
          function () { return vowel(e, V2) && append(e, 'ετ'); },
          function () { return sub(e, T.s5cA) !== '' && append(e, 'ετ'); });
      }, T.s5cB, 'ετ');
    },
    function step5d(e) {
      cut(e, T.s5d_, function () {
        return any(e,
          function () { return lit(e, 'αρχ') && e.c <= e.lb && append(e, 'οντ'); },
          function () { return lit(e, 'κρε') && append(e, 'ωντ'); });
      });
    },
    function step5e(e) {
      cut(e, T.s5e_, function () {
        return lit(e, 'ον') && e.c <= e.lb && append(e, 'ομαστ');
      });
    },
    function step5f(e) {
      if (lit(e, 'ιεστε')) {
        del(e);
        test1 = false;
        if (whole(e, T.s5fA)) append(e, 'ιεστ');
      }
      e.c = e.s.length;
      if (!lit(e, 'εστε')) return;
      del(e);
      test1 = false;
      if (whole(e, T.s5fB)) append(e, 'ιεστ');
    },
    function step5g(e) {
      cut(e, T.s5g_);
      e.c = e.s.length;
      cut(e, T.s5g, function () {
        return any(e,
          function () { return sub(e, T.s5gA) !== '' && append(e, 'ηκ'); },
          function () { return whole(e, T.s5gB) && append(e, 'ηκ'); });
      });
    },
    function step5h(e) {
      cut(e, T.s5h_, function () {
        return any(e,
          function () { return sub(e, T.s5hA) !== '' && append(e, 'ουσ'); },
          function () { return whole(e, T.s5hB) && append(e, 'ουσ'); });
      });
    },
    function step5j(e) { // (5j runs before 5i)
      cut(e, T.s5j_, function () { return whole(e, T.s5jA) && append(e, 'ησ'); });
    },
    function step5i(e) {
      cut(e, T.s5i_, function () {
        return any(e,
          function () { return lit(e, 'κολλ') && append(e, 'αγ'); },
          function () {
            var v = e.s.length - e.c;
            if (sub(e, T.s5iNot) !== '') return false;
            e.c = e.s.length - v;
            return any(e,
              function () { return sub(e, T.s5iA) !== '' && append(e, 'αγ'); },
              function () { return whole(e, T.s5iB) && append(e, 'αγ'); });
          });
      });
    },
    function step5k(e) {
      cut(e, T.s5k_, function () { return whole(e, T.s5kA) && append(e, 'ηστ'); });
    },
    function step5l(e) {
      cut(e, T.s5l_, function () { return whole(e, T.s5lA) && append(e, 'ουν'); });
    },
    function step5m(e) {
      cut(e, T.s5m_, function () { return whole(e, T.s5mA) && append(e, 'ουμ'); });
    },
    function step6(e) {
      if (sub(e, T.mata) !== '') from(e, 'μα');
      e.c = e.s.length;
      if (test1 && sub(e, T.end6) !== '') del(e);
    },
    function step7(e) {
      if (sub(e, T.end7) !== '') del(e);
    }
  ];

  stemmers.greek = function (word) {
    // tolower looks at every character from the end; its last look (at the start) leaves
    // the slice [0, 0), which step 5a's first rule may still use
    var e = { s: chars(word), c: 0, lb: 0, bra: 0, ket: 0 };
    e.s = e.s.map(function (ch) { return LOWER[ch] || ch; });
    if (e.s.length < 3) return e.s.join('');
    test1 = true;
    try {
      for (var i = 0; i < STEPS.length; i++) {
        e.c = e.s.length;
        STEPS[i](e);
      }
    } catch (err) {
      if (err === FAULTY) return word;
      throw err;
    }
    return e.s.join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
