// The measurement behind the bytecode VM's design (issue 13; docs/PERFORMANCE.md, "Toward a
// bytecode VM"): fib and the counting loop hand-compiled for a register VM and for a stack VM with
// superinstructions, both over a copy of HaloCore's `Value` model, so that register copies cost what
// they would in halo. Not part of the build. Run:
//   swiftc -O -enforce-exclusivity=unchecked bench/vm-prototype/vm.swift -o /tmp/vm
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null /tmp/vm reg fib 20    (or: stack, loop 1000000)
// and subtract the count of `fib 1` / `loop 1` (start-up) before dividing by calls or iterations.
final class Box { var items: [Value] = [] }
enum Value {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([Value])
    case object(Box)
    case function(Int)
}

// MARK: register VM
struct RInstr { var op: ROp; var a: Int32; var b: Int32; var c: Int32 }
enum ROp: UInt8 {
    case loadInt      // R[a] = int c
    case move         // R[a] = R[b]
    case addRR        // R[a] = R[b] + R[c]
    case subRI        // R[a] = R[b] - c
    case addRI        // R[a] = R[b] + c
    case jumpIfNotLessRI // if !(R[a] < b) pc = c
    case jump         // pc = c
    case call         // call function b with args at R[a+1 ...], c args; result into R[a]
    case ret          // return R[a]
    case print        // print R[a]
}
struct RFunction { var code: [RInstr]; var registers: Int }
final class RCode { let code: UnsafeMutablePointer<RInstr>; init(_ f: RFunction) { code = .allocate(capacity: f.code.count); code.initialize(from: f.code, count: f.code.count) } }
extension Value {
    @inline(__always) var isTrivial: Bool {
        switch self { case .null, .bool, .int, .double, .function: return true; default: return false }
    }
}
@inline(__always) func setInt(_ p: UnsafeMutablePointer<Value>, _ v: Int) {
    if p.pointee.isTrivial { p.initialize(to: .int(v)) } else { p.pointee = .int(v) }
}

final class RVM {
    var functions: [RFunction] = [] { didSet { codes = functions.map(RCode.init) } }
    var codes: [RCode] = []
    var table: UnsafeMutablePointer<UnsafeMutablePointer<RInstr>> = .allocate(capacity: 16)
    let stack: UnsafeMutablePointer<Value>
    let capacity = 1 << 20
    init() {
        stack = .allocate(capacity: capacity)
        stack.initialize(repeating: .null, count: capacity)
    }

    func prepare() { for (i, c) in codes.enumerated() { table[i] = c.code } }
    func run(_ f: Int, base: Int) -> Value {
        let code = table[f]
        do {
            var pc = 0
            let r = stack + base
            while true {
                let i = code[pc]
                pc += 1
                switch i.op {
                case .loadInt: r[Int(i.a)] = .int(Int(i.c))
                case .move: r[Int(i.a)] = r[Int(i.b)]
                case .addRR:
                    if case .int(let x) = r[Int(i.b)], case .int(let y) = r[Int(i.c)] {
                        let (s, o) = x.addingReportingOverflow(y)
                        if o { fatalError("overflow") }
                        setInt(r + Int(i.a), s)
                    } else { fatalError("slow path") }
                case .subRI:
                    if case .int(let x) = r[Int(i.b)] { setInt(r + Int(i.a), x - Int(i.c)) } else { fatalError() }
                case .addRI:
                    if case .int(let x) = r[Int(i.b)] { setInt(r + Int(i.a), x + Int(i.c)) } else { fatalError() }
                case .jumpIfNotLessRI:
                    if case .int(let x) = r[Int(i.a)] { if !(x < Int(i.b)) { pc = Int(i.c) } } else { fatalError() }
                case .jump: pc = Int(i.c)
                case .call:
                    let callee = base + Int(i.a)
                    r[Int(i.a)] = run(Int(i.b), base: callee + 1)
                case .ret: return r[Int(i.a)]
                case .print: print(r[Int(i.a)])
                }
            }
        }
    }
}

// MARK: stack VM with superinstructions
enum SOp: UInt8 {
    case pushLocal, pushInt, add, subInt, lessIntJumpIfFalse, jump, call, ret, storeLocal, addLocalToLocal, incLocal, localLessIntJumpIfFalse, pop
}
struct SInstr { var op: SOp; var a: Int32; var b: Int32 }
struct SFunction { var code: [SInstr]; var locals: Int; var params: Int }
final class SVM {
    var functions: [SFunction] = [] {
        didSet {
            for (k, f) in functions.enumerated() {
                let p = UnsafeMutablePointer<SInstr>.allocate(capacity: f.code.count)
                p.initialize(from: f.code, count: f.code.count)
                table[k] = p; localCounts[k] = f.locals
            }
        }
    }
    let table = UnsafeMutablePointer<UnsafeMutablePointer<SInstr>>.allocate(capacity: 16)
    let localCounts = UnsafeMutablePointer<Int>.allocate(capacity: 16)
    let stack: UnsafeMutablePointer<Value>
    init() { stack = .allocate(capacity: 1 << 20); stack.initialize(repeating: .null, count: 1 << 20) }
    // Arguments are on the stack at base..<base+params; locals follow; the operand stack after them.
    func run(_ f: Int, base: Int) -> Value {
        let code = table[f]
        do {
            var pc = 0
            let l = stack + base
            var sp = base + localCounts[f]
            while true {
                let i = code[pc]
                pc += 1
                switch i.op {
                case .pushLocal: stack[sp] = l[Int(i.a)]; sp += 1
                case .pushInt: setInt(stack + sp, Int(i.a)); sp += 1
                case .add:
                    sp -= 1
                    if case .int(let x) = stack[sp - 1], case .int(let y) = stack[sp] {
                        let (s, o) = x.addingReportingOverflow(y); if o { fatalError() }
                        setInt(stack + sp - 1, s)
                    } else { fatalError() }
                case .subInt:
                    if case .int(let x) = stack[sp - 1] { setInt(stack + sp - 1, x - Int(i.a)) } else { fatalError() }
                case .lessIntJumpIfFalse:
                    sp -= 1
                    if case .int(let x) = stack[sp] { if !(x < Int(i.a)) { pc = Int(i.b) } } else { fatalError() }
                case .localLessIntJumpIfFalse:
                    if case .int(let x) = l[Int(i.a)] { if !(x < Int(i.b >> 8)) { pc = Int(i.b & 0xff) } } else { fatalError() }
                case .jump: pc = Int(i.a)
                case .call:
                    let args = Int(i.b)
                    let result = run(Int(i.a), base: sp - args)
                    sp -= args
                    stack[sp] = result; sp += 1
                case .ret: return stack[sp - 1]
                case .storeLocal: sp -= 1; l[Int(i.a)] = stack[sp]
                case .addLocalToLocal:
                    if case .int(let x) = l[Int(i.a)], case .int(let y) = l[Int(i.b)] {
                        let (s, o) = x.addingReportingOverflow(y); if o { fatalError() }
                        setInt(l + Int(i.a), s)
                    } else { fatalError() }
                case .incLocal:
                    if case .int(let x) = l[Int(i.a)] { setInt(l + Int(i.a), x + 1) } else { fatalError() }
                case .pop: sp -= 1
                }
            }
        }
    }
}

let args = CommandLine.arguments
let which = args[1], program = args[2], n = Int(args[3])!
if which == "reg" {
    let vm = RVM()
    // fib: r0 = n
    vm.functions.append(RFunction(code: [
        RInstr(op: .jumpIfNotLessRI, a: 0, b: 2, c: 2),
        RInstr(op: .ret, a: 0, b: 0, c: 0),
        RInstr(op: .subRI, a: 2, b: 0, c: 1),     // arg for call at r1 goes in r2
        RInstr(op: .call, a: 1, b: 0, c: 1),
        RInstr(op: .subRI, a: 3, b: 0, c: 2),
        RInstr(op: .call, a: 2, b: 0, c: 1),
        RInstr(op: .addRR, a: 1, b: 1, c: 2),
        RInstr(op: .ret, a: 1, b: 0, c: 0),
    ], registers: 4))
    // loop: r0 total, r1 i
    vm.functions.append(RFunction(code: [
        RInstr(op: .loadInt, a: 0, b: 0, c: 0),
        RInstr(op: .loadInt, a: 1, b: 0, c: 0),
        RInstr(op: .jumpIfNotLessRI, a: 1, b: Int32(n), c: 6),
        RInstr(op: .addRR, a: 0, b: 0, c: 1),
        RInstr(op: .addRI, a: 1, b: 1, c: 1),
        RInstr(op: .jump, a: 0, b: 0, c: 2),
        RInstr(op: .ret, a: 0, b: 0, c: 0),
    ], registers: 2))
    vm.prepare()
    if program == "fib" { vm.stack[0] = .int(n); print(vm.run(0, base: 0)) } else { print(vm.run(1, base: 0)) }
} else {
    let vm = SVM()
    vm.functions.append(SFunction(code: [
        SInstr(op: .pushLocal, a: 0, b: 0),
        SInstr(op: .lessIntJumpIfFalse, a: 2, b: 4),
        SInstr(op: .pushLocal, a: 0, b: 0),
        SInstr(op: .ret, a: 0, b: 0),
        SInstr(op: .pushLocal, a: 0, b: 0),
        SInstr(op: .subInt, a: 1, b: 0),
        SInstr(op: .call, a: 0, b: 1),
        SInstr(op: .pushLocal, a: 0, b: 0),
        SInstr(op: .subInt, a: 2, b: 0),
        SInstr(op: .call, a: 0, b: 1),
        SInstr(op: .add, a: 0, b: 0),
        SInstr(op: .ret, a: 0, b: 0),
    ], locals: 1, params: 1))
    vm.functions.append(SFunction(code: [
        SInstr(op: .pushInt, a: 0, b: 0), SInstr(op: .storeLocal, a: 0, b: 0),
        SInstr(op: .pushInt, a: 0, b: 0), SInstr(op: .storeLocal, a: 1, b: 0),
        SInstr(op: .pushLocal, a: 1, b: 0), SInstr(op: .lessIntJumpIfFalse, a: Int32(n), b: 9),
        SInstr(op: .addLocalToLocal, a: 0, b: 1), SInstr(op: .incLocal, a: 1, b: 0),
        SInstr(op: .jump, a: 4, b: 0),
        SInstr(op: .pushLocal, a: 0, b: 0), SInstr(op: .ret, a: 0, b: 0),
    ], locals: 2, params: 0))
    if program == "fib" { vm.stack[0] = .int(n); print(vm.run(0, base: 0)) } else { print(vm.run(1, base: 0)) }
}
