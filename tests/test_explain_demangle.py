"""The demangled C++ names `explain` shows for an undefined symbol: constructors and every
destructor variant read as C++ does, const methods and std:: names too; template arguments
are shown as <…>, not dropped, and a symbol this reading cannot follow is shown as it is."""

from __future__ import annotations

import pytest

from doctor.explain.structure import demangle


@pytest.mark.parametrize(
    ("symbol", "name"),
    [
        ("_ZN3FooC1Ev", "Foo::Foo"),  # complete-object constructor
        ("_ZN2k23FsaC2ERKS0_", "k2::Fsa::Fsa"),  # base-object constructor
        ("_ZN3c1010TensorImplD0Ev", "c10::TensorImpl::~TensorImpl"),  # deleting destructor
        ("_ZN3c1010TensorImplD1Ev", "c10::TensorImpl::~TensorImpl"),  # complete destructor
        ("_ZN3c1010TensorImplD2Ev", "c10::TensorImpl::~TensorImpl"),  # base destructor
        ("_ZNK2at6Tensor4sizeEl", "at::Tensor::size"),  # const method
        ("_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector<…>::…"),  # template args not read
        ("_Z5hellov", "hello"),  # not nested
        ("_ZNK5torch8autograd4Node4nameB5cxx11Ev", "torch::autograd::Node::name"),  # [abi:cxx11]
        ("_ZN3fLS26FLAGS_fst_weight_separatorE", "fLS::FLAGS_fst_weight_separator"),  # a variable
        ("_ZN3c1099foo", "_ZN3c1099foo"),  # cut short: shown as it is
    ],
)
def test_symbols_read_as_their_cpp_names(symbol: str, name: str) -> None:
    assert demangle(symbol) == name
