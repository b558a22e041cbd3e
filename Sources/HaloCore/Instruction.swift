/// One bytecode instruction: an opcode and up to four operands, 16 bytes, read through a raw
/// pointer by the dispatch loop (VirtualMachine.swift). `a` is most often the register written,
/// `b` and `c` the registers (or an immediate int, or a jump target) read, `d` a small index into
/// a table of the function (built-ins, nested functions, extra operands).
///
/// Registers are the slots of the running function's window: its variables first (the resolver's
/// slot numbers), then temporaries. The VM is register-based, as Lua 5's is: `total = total + i`
/// is one instruction, not three (docs/PERFORMANCE.md measured both designs).
struct Instruction {
    var op: Opcode
    /// Which registers read are temporaries, dead after this instruction, whose values it may move
    /// out rather than copy (a copy costs a retain now and a release when the register is next
    /// written): bit 0 the first register operand read, bit 1 the second. In the padding byte.
    var moves: UInt8 = 0
    var d: UInt16 = 0
    var a: Int32 = 0
    var b: Int32 = 0
    var c: Int32 = 0
}

enum Opcode: UInt8 {
    // Loads. `local` checks that the variable was assigned; `move` is for registers known to be.
    case move            // R[a] = R[b]
    case local           // R[a] = R[b], an error if R[b] is unassigned
    case constant        // R[a] = K[b]
    case int             // R[a] = b
    case clear           // R[a] = unassigned
    case upvalue         // R[a] = env^b[c], an error if unassigned
    case setUpvalue      // env^b[c] = R[a]
    case closure         // R[a] = a closure of functions[b] over the running environment
    case unresolved      // fails: the resolver left the name strings[b] unresolved

    // Values built from consecutive registers.
    case list            // R[a] = [R[b] ..< R[b+c]]
    case object          // R[a] = an object of extras[d]'s keys and R[b] ..< R[b+c]
    case interpolate     // R[a] = the string extras[d] describes, its expressions in R[b]...
    case resultList      // R[a] = an empty list with room for as many items as the walk R[b...] has
    case append          // R[a] (a list being built) gets R[b] at its end (moved out of R[b] when `moves` says so)

    // `^`
    case childName       // R[a] = R[b]^names[c]
    case childIndex      // R[a] = R[b]^c
    case childKey        // R[a] = R[b]^(R[c])

    // Operators on R[b] and R[c] (`…Int` forms: R[b] and the immediate c).
    case not, negate
    case add, subtract, multiply, remainder, divide, contains
    case addInt, subtractInt, multiplyInt, remainderInt
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    // Jumps to b (`jump`: a is unused).
    case jump
    case loop            // jump to b after checking for Ctrl-C: the back edge of a `while`
    case jumpIfFalse     // if !R[a] then jump
    case jumpIfTrue
    case jumpIfNotNull
    /// Compare R[a] with R[b] (or the immediate b) and jump to c when the comparison is false.
    case lessJump, lessEqualJump, greaterJump, greaterEqualJump, equalJump, notEqualJump
    case lessIntJump, lessEqualIntJump, greaterIntJump, greaterEqualIntJump, equalIntJump, notEqualIntJump

    // Loops.
    case rangePrepare    // R[a...a+2] = range(R[b] ..< R[b+c]) (extras[d]: where range was called);
                         // the loop variable R[d'] is set from extras; jumps past the loop when empty
    case rangeLoop       // next value of R[a...] into R[b] and jump to c, or fall through when done
    case iterate         // R[a...a+2] = what `for` walks in R[b]; extras[d] describes it
    case iterateNext     // the next item of R[a...] into R[b] (and R[d-1] when d > 0), or jump to c
    case step            // one step of the step budget

    // Calls.
    case prepareCall     // checks R[a]'s argument count (c) and the call depth when it is a script function
    // `upvalue` then `prepareCall` (argument count d): a call of a global function. R[a] is left
    // empty when the function is the running leaf function itself.
    case upvalueCallee
    // R[a] = R[b](R[b+1] ..< R[b+1+c]); d = 1 when upvalueCallee set R[b] (empty: a call of itself)
    case call
    case callBuiltin     // R[a] = builtins[d](R[b] ..< R[b+c])
    case fanOut          // R[a] = pmap (builtins[d]) on R[b], R[b+1]
    case returnValue     // return R[a]
    case returnNull

    // Statements with more to them than fits in an instruction: extras[d] holds the rest.
    case setChild        // target^keys (R[b] ..< R[b+c]) = R[a]
    case compound        // R[a] op= R[b] (d: the operator)
    case compoundUpvalue // extras[d]'s variable op= R[b]
    case print           // prints R[b] ..< R[b+c]
    case assertCheck     // R[a] = passed (a comparison of R[b], R[c] or the truth of R[b]); jumps over the failure when passed
    case assertFail      // reports the failed assert of extras[d] (operands R[b], R[c], message R[a] or none)
    case fail            // throws R[a] as a failure
    case importModule    // runs extras[d]'s module and copies its names into registers
    case param           // R[a] = the --set value for extras[d], jumping to b; falls through when there is none
    case missingParam    // the runbook needs a value for extras[d]
    case requireConnection // fails unless requests are available
    case requestPath     // R[a] = the path of the request extras[d] describes, from its parts in R[b]...
    case request         // R[a] = the reply of the request extras[d] describes to the path R[b] with the
                         // argument R[c] (c < 0: none), its status into R[a+1]
    case auth            // auth with R[a] (a < 0: none), extras[d]
    case defaultArgument // jump to b when the call passed more than c arguments
}
