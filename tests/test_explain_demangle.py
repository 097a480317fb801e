"""The demangled C++ names `explain` shows for an undefined symbol: constructors and every
destructor variant read as C++ does, const methods and std:: names too."""

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
        ("_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector"),  # std::, template args cut
        ("_Z5hellov", "hello"),  # not nested
    ],
)
def test_symbols_read_as_their_cpp_names(symbol: str, name: str) -> None:
    assert demangle(symbol) == name
