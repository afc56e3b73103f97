import CNcursesw
import FlowTUI
import Testing

@testable import CursesTerminal

@Suite("Curses key codes")
struct CursesKeyMapTests {
    @Test func functionKeyCodesMapToKeys() {
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_up()) == .up)
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_down()) == .down)
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_npage()) == .pageDown)
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_ppage()) == .pageUp)
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_btab()) == .backTab)
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_dc()) == .delete)
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_backspace()) == .backspace)
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_enter()) == .enter)
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_f(1)) == .function(1))
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_f(12)) == .function(12))
    }

    @Test func unknownCodesAreNotKeys() {
        #expect(CursesKeyMap.key(forFunctionKey: authflow_key_resize()) == nil)
        #expect(CursesKeyMap.key(forFunctionKey: 0o777) == nil)
    }

    @Test func charactersMapThroughKeyTyped() {
        #expect(CursesKeyMap.key(forCharacter: 0x71) == .character("q"))
        #expect(CursesKeyMap.key(forCharacter: 0x0D) == .enter)
        #expect(CursesKeyMap.key(forCharacter: 0xD800) == nil)  // a lone surrogate is no scalar
        #expect(CursesKeyMap.key(forCharacter: 0x1B) == .escape)
    }
}
